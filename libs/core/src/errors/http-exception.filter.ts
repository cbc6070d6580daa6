import { type ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException } from './app.exception.js';
import { CommonErrorCode } from './error-code.js';
import type { ErrorBody } from './error-body.js';
import { OVERLOAD_RETRY_AFTER_SECONDS, isPoolExhausted } from './overload.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: Readonly<Record<string, unknown>>;
  headers?: Readonly<Record<string, string>>;
}

const STATUS_CODES: Partial<Record<number, CommonErrorCode>> = {
  400: CommonErrorCode.ValidationFailed,
  401: CommonErrorCode.Unauthenticated,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.NotFound,
  405: CommonErrorCode.MethodNotAllowed,
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  429: CommonErrorCode.RateLimited,
  503: CommonErrorCode.ServiceUnavailable,
};

/** Maps anything thrown to the one error shape; unknown errors become a 500 without internals. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: string }>();
    const mapped = this.map(exception);
    if (mapped.status >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, 'unhandled error');
    }
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const body: ErrorBody = { error: { code: mapped.code, message: mapped.message, requestId } };
    if (mapped.details) body.error.details = mapped.details;
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(mapped.headers ?? {})) res.setHeader(k, v);
    res.status(mapped.status).json(body);
  }

  map(exception: unknown): Mapped {
    if (exception instanceof AppException) {
      return { status: exception.status, code: exception.code, message: exception.message, details: exception.details, headers: exception.headers };
    }
    // Nest wraps body-parser errors in an HttpException; the parser's `type` is on the cause.
    const parserError = (exception instanceof HttpException ? exception.cause : exception) as BodyParserError | undefined;
    if (parserError?.type === 'entity.parse.failed') {
      return { status: 400, code: CommonErrorCode.MalformedJson, message: 'The request body is not valid JSON.' };
    }
    if (parserError?.type === 'entity.too.large') {
      return { status: 413, code: CommonErrorCode.PayloadTooLarge, message: 'The request body is too large.' };
    }
    if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
      return { status: 415, code: CommonErrorCode.UnsupportedMediaType, message: 'Unsupported request encoding.' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (status === 404 && typeof response === 'object' && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(String((response as { message?: unknown }).message))) {
        return { status, code: CommonErrorCode.RouteNotFound, message: 'No such route.' };
      }
      const code = STATUS_CODES[status] ?? (status >= 500 ? CommonErrorCode.Internal : CommonErrorCode.ValidationFailed);
      if (status === 400 && typeof response === 'object' && Array.isArray((response as { message?: unknown }).message)) {
        const problems = (response as { message: string[] }).message;
        return { status, code: CommonErrorCode.ValidationFailed, message: 'The request is invalid.', details: { problems } };
      }
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = typeof raw === 'string' ? raw : exception.message;
      return { status, code, message: status >= 500 ? 'Internal server error.' : message };
    }
    if (isPoolExhausted(exception)) {
      return {
        status: 503,
        code: CommonErrorCode.ServiceUnavailable,
        message: 'The server is busy. Retry shortly.',
        headers: { 'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS) },
      };
    }
    return { status: 500, code: CommonErrorCode.Internal, message: 'Internal server error.' };
  }
}
