import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { IdentityEvents, type IdentityEvent } from '@enclave/identity';
import { RealtimeService } from '../realtime.service.js';

/**
 * Closes sockets when identity says an account or sessions ended (deactivation, erasure,
 * force logout, password reset, logout). Identity publishes after commit and never imports
 * realtime; the disconnect goes through the Redis adapter, so sockets on every node close.
 */
@Injectable()
export class IdentityEventsListener implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(IdentityEvents) private readonly events: IdentityEvents,
    @Inject(RealtimeService) private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe((event) => this.handle(event));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private handle(event: IdentityEvent): void {
    if (event.type === 'user.deactivated') this.realtime.disconnectUser(event.userId);
    else for (const sessionId of event.sessionIds) this.realtime.disconnectSession(sessionId);
  }
}
