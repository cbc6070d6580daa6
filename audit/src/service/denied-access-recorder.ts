import { Logger } from '@nestjs/common';
import type { Actor } from '@enclave/core';
import { AuditAction } from '../catalogue/audit-action.js';
import type { AuditService } from './audit.service.js';

/** One record per actor (or address), code and route per window: enough to see probing, not to be flooded by it. */
const WINDOW_SECONDS = 60;
const MAX_ROUTE_LENGTH = 200;

export interface Denial {
  /** `GET /api/v1/admin/roles/:name` or `ws message.delete`: the pattern, never raw ids. */
  readonly route: string;
  readonly code: string;
  readonly permission?: string;
}

/** The one Redis command the throttle needs (ioredis's `set` fits). */
export interface DenialThrottleStore {
  set(key: string, value: string, expiryMode: 'EX', seconds: number, mode: 'NX'): Promise<string | null>;
}

/**
 * Records refused requests as `access.denied` (outcome `denied`), at most once per window for
 * the same actor, code and route, so a client hammering a forbidden route (or a flood of forged
 * tokens) cannot flood the audit table. Writes outside any transaction: callers record after
 * the refused work rolled back. Shared by identity's token guard and authz's policies guard.
 */
export class DeniedAccessRecorder {
  private readonly logger = new Logger(DeniedAccessRecorder.name);

  constructor(
    private readonly audit: AuditService,
    private readonly store: DenialThrottleStore,
    /** Redis key prefix of the caller, e.g. `enclave:authz:denied:`. */
    private readonly keyPrefix: string,
  ) {}

  async record(actor: Actor, denial: Denial): Promise<void> {
    const route = denial.route.slice(0, MAX_ROUTE_LENGTH);
    try {
      const first = await this.store.set(`${this.keyPrefix}${actor.userId ?? actor.ip ?? '-'}:${denial.code}:${route}`, '1', 'EX', WINDOW_SECONDS, 'NX');
      if (first !== 'OK') return;
      await this.audit.recordOutside(actor, {
        action: AuditAction.AccessDenied,
        outcome: 'denied',
        target: { type: 'route', id: route },
        details: denial.permission === undefined ? { code: denial.code } : { code: denial.code, permission: denial.permission },
      });
    } catch (error) {
      // The refusal must stay a 401/403, not become a 500 because Redis or the audit write hiccuped.
      this.logger.warn({ err: error, code: denial.code }, 'could not record a denied request');
    }
  }
}
