import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, map, of, type Observable } from 'rxjs';
import type { Ack } from '@enclave/contracts';
import { toAckError } from './ack-error.js';

/**
 * Wraps every handler result in `{ ok: true, data }` and every error, including the
 * ValidationPipe's (pipes run inside `next.handle()`), in `{ ok: false, error }`, so each
 * client event gets exactly one ack of one shape.
 */
@Injectable()
export class WsAckInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<Ack> {
    return next.handle().pipe(
      map((data: unknown): Ack => ({ ok: true, data: data ?? null })),
      catchError((error: unknown) => of(toAckError(error))),
    );
  }
}
