import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, actorFromRequest, type AppConfig, type EnclaveRequest } from '@enclave/core';
import { AuditAction, AuditService } from '@enclave/audit';
import { IDENTITY_REDIS } from '../identity.tokens.js';

/** One record per address, reason and route per window: enough to see an attack, not to be flooded by one. */
const WINDOW_SECONDS = 60;
const MAX_ROUTE_LENGTH = 200;

/**
 * Records requests the access-token guard refuses (missing, forged or revoked tokens) as
 * `access.denied`. Expired tokens are routine (clients refresh) and are not recorded. The
 * per-window cap keeps an unauthenticated flood from turning into a flood of audit writes.
 */
@Injectable()
export class DeniedRequestAuditor {
  private readonly logger = new Logger(DeniedRequestAuditor.name);
  private readonly prefix: string;

  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(IDENTITY_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}identity:denied:`;
  }

  async record(req: EnclaveRequest, code: string): Promise<void> {
    const actor = actorFromRequest(req);
    const route = `${req.method} ${routeTemplate(req)}`.slice(0, MAX_ROUTE_LENGTH);
    try {
      const first = await this.redis.set(`${this.prefix}${actor.ip ?? '-'}:${code}:${route}`, '1', 'EX', WINDOW_SECONDS, 'NX');
      if (first !== 'OK') return;
      await this.audit.recordOutside(actor, {
        action: AuditAction.AccessDenied,
        outcome: 'denied',
        target: { type: 'route', id: route },
        details: { code },
      });
    } catch (error) {
      // The refusal itself must not turn into a 500 because Redis or the audit write hiccuped.
      this.logger.warn({ err: error, code }, 'could not record a denied request');
    }
  }
}

/** The route pattern (`/api/v1/users/:id`), never the raw URL with its ids and query string. */
function routeTemplate(req: EnclaveRequest): string {
  const path = (req.route as { path?: string } | undefined)?.path;
  return path ? `${req.baseUrl}${path}` : req.path;
}
