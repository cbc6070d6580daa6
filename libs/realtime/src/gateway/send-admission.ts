import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppException, CommonErrorCode, type AppConfig } from '@enclave/core';

/** Retry hint for shed events: short, since a node sheds only while its database work is backed up. */
export const SHED_RETRY_AFTER_MS = 250;

/**
 * Bounds the client events this node runs against the database at once (sends, edits,
 * reactions, read marks, catch-up). Past the bound an event is refused at once with
 * SERVICE_UNAVAILABLE and a retry hint (clients resend the same clientMsgId), instead of
 * queueing behind the connection pool for up to its 10 s timeout while the node falls further
 * behind. The bound (REALTIME_MAX_IN_FLIGHT) defaults to 16 events per pool connection: room for clients' legitimate bursts (the
 * e2e suites keep 100 sends in flight) and every connection kept busy, while an admitted event
 * waits at most 16 transactions per connection (tens of milliseconds at a few ms each, under a
 * second even when one conversation's seq lock serialises them all), never the pool timeout.
 */
@Injectable()
export class SendAdmission {
  readonly limit: number;
  private running = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.realtime.maxInFlight;
  }

  get inFlight(): number {
    return this.running;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      throw new AppException(CommonErrorCode.ServiceUnavailable, 'The server is busy. Retry shortly.', HttpStatus.SERVICE_UNAVAILABLE, {
        retryAfterMs: SHED_RETRY_AFTER_MS,
      });
    }
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
    }
  }
}
