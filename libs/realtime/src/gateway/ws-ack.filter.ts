import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { toAckError } from './ack-error.js';

/**
 * The backstop for errors raised before the interceptor runs (guards): answers through the
 * event's ack callback, the last handler argument, instead of Nest's 'exception' event.
 */
@Catch()
export class WsAckFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ack: unknown = host.getArgs().at(-1);
    if (typeof ack === 'function') (ack as (reply: unknown) => void)(toAckError(exception));
  }
}
