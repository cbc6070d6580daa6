import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type Actor, type AppConfig } from '@enclave/core';
import { AuditAction, AuditService } from '@enclave/audit';
import { AUTHZ_REDIS } from '../authz.tokens.js';

/** One record per actor, code and route per window: enough to see probing, not to be flooded by it. */
const WINDOW_SECONDS = 60;
const MAX_ROUTE_LENGTH = 200;

export interface Denial {
  /** `GET /api/v1/admin/roles/:name` or `ws message.delete`: the pattern, never raw ids. */
  readonly route: string;
  readonly code: string;
  readonly permission: string | undefined;
}

/**
 * Records refused requests of signed-in users as `access.denied` (outcome `denied`), at most
 * once per window for the same actor, code and route, so a client hammering a forbidden
 * route cannot flood the audit table. Writes outside any transaction; callers are the guard
 * and the edge interceptor, after the refused work rolled back.
 */
@Injectable()
export class DeniedAccessAuditor {
  private readonly logger = new Logger(DeniedAccessAuditor.name);
  private readonly prefix: string;

  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AUTHZ_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}authz:denied:`;
  }

  async record(actor: Actor, denial: Denial): Promise<void> {
    const route = denial.route.slice(0, MAX_ROUTE_LENGTH);
    try {
      const first = await this.redis.set(`${this.prefix}${actor.userId ?? actor.ip ?? '-'}:${denial.code}:${route}`, '1', 'EX', WINDOW_SECONDS, 'NX');
      if (first !== 'OK') return;
      await this.audit.recordOutside(actor, {
        action: AuditAction.AccessDenied,
        outcome: 'denied',
        target: { type: 'route', id: route },
        details: denial.permission === undefined ? { code: denial.code } : { code: denial.code, permission: denial.permission },
      });
    } catch (error) {
      // The refusal must stay a 403, not become a 500 because Redis or the audit write hiccuped.
      this.logger.warn({ err: error, code: denial.code }, 'could not record a denied request');
    }
  }
}
