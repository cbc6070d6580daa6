import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { pinoRedactPaths } from './redaction.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts a well-formed incoming X-Request-Id (from a proxy) or makes one, and echoes it back. */
export function requestIdFor(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id; // already assigned earlier in the pipeline
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** nestjs-pino options: JSON lines, request ids, secrets redacted, health/metrics not logged. */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.log.level,
      genReqId: requestIdFor,
      redact: { paths: pinoRedactPaths(), censor: '[REDACTED]' },
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customProps: () => ({ service: 'enclave-server' }),
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: stripQuery(req.url),
          remoteAddress: req.remoteAddress,
        }),
      },
      ...(config.log.pretty ? { transport: { target: 'pino-pretty' } } : {}),
    },
  };
}

/** Query strings can carry tokens (e.g. invitation links), so logs keep only the path. */
function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i) + '?…';
}
