import { Controller, Get, Header, NotFoundException, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@enclave/core';
import { CallPageAssets, type CallPageAsset } from './call-page-assets.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The minimal call page at `/meet/:id` (until the web client exists): static HTML, CSS and one
 * ES module, plus socket.io's browser bundle. Public because a page load carries no token: the
 * page takes it from the URL fragment (never sent to the server) or signs in itself, and the
 * WebSocket handshake and every meeting event are authenticated as usual.
 */
@ApiExcludeController()
@Public()
@Controller('meet')
export class CallPageController {
  private readonly assets = new CallPageAssets();

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) res: Response): StreamableFile {
    return this.send(res, this.assets.get(file), 'public, max-age=300');
  }

  @Get(':id')
  @Header('Referrer-Policy', 'no-referrer')
  page(@Param('id') id: string, @Res({ passthrough: true }) res: Response): StreamableFile {
    if (!UUID.test(id)) throw new NotFoundException('No such meeting.');
    return this.send(res, this.assets.get('index.html'), 'no-store');
  }

  private send(res: Response, asset: CallPageAsset | undefined, cacheControl: string): StreamableFile {
    if (!asset) throw new NotFoundException('No such file.');
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new StreamableFile(asset.body, { type: asset.contentType, length: asset.body.length });
  }
}

/**
 * Only our own files run; media elements play MediaStreams (`blob:`/`mediastream:`); fetch and the
 * socket go to this origin only (`'self'` covers ws/wss of the same host in CSP 3 browsers).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
