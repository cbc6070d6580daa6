import { HttpStatus, Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';

const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'application/octet-stream']);

/** The raw request, for CsvUploadPipe (the JSON body parser leaves CSV bodies unread). */
export const CsvUpload = createParamDecorator((_data: unknown, ctx: ExecutionContext): Request => ctx.switchToHttp().getRequest<Request>());

/**
 * Reads a `text/csv` request body into a Buffer, at most IMPORT_MAX_BYTES: a bigger
 * Content-Length is refused before reading, a body that grows past it is drained and refused
 * (413 IMPORT_TOO_LARGE). Other content types get 415 IMPORT_UNSUPPORTED_MEDIA_TYPE.
 */
@Injectable()
export class CsvUploadPipe implements PipeTransform<Request, Promise<Buffer>> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async transform(req: Request): Promise<Buffer> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!CSV_TYPES.has(type)) {
      throw new AdminException(AdminErrorCode.ImportUnsupportedMediaType, 'Send the file as the request body with Content-Type: text/csv.', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    const max = this.config.accountAdmin.importMaxBytes;
    const tooLarge = () => new AdminException(AdminErrorCode.ImportTooLarge, `The file is larger than ${max} bytes (IMPORT_MAX_BYTES).`, HttpStatus.PAYLOAD_TOO_LARGE, { maxBytes: max });
    if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) over = true;
      if (!over) chunks.push(chunk);
    }
    if (over) throw tooLarge();
    return Buffer.concat(chunks);
  }
}
