import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, actorFromRequest, type AppConfig, type EnclaveRequest } from '@enclave/core';
import { AuditService, DeniedAccessRecorder } from '@enclave/audit';
import { IDENTITY_REDIS } from '../identity.tokens.js';

/**
 * Records requests the access-token guard refuses (missing, forged or revoked tokens) as
 * `access.denied`, throttled per address, code and route (DeniedAccessRecorder). Expired tokens
 * are routine (clients refresh) and are not recorded.
 */
@Injectable()
export class DeniedRequestAuditor {
  private readonly recorder: DeniedAccessRecorder;

  constructor(@Inject(AuditService) audit: AuditService, @Inject(IDENTITY_REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.recorder = new DeniedAccessRecorder(audit, redis, `${config.redis.keyPrefix}identity:denied:`);
  }

  record(req: EnclaveRequest, code: string): Promise<void> {
    return this.recorder.record(actorFromRequest(req), { route: `${req.method} ${routeTemplate(req)}`, code });
  }
}

/** The route pattern (`/api/v1/users/:id`), never the raw URL with its ids and query string. */
function routeTemplate(req: EnclaveRequest): string {
  const path = (req.route as { path?: string } | undefined)?.path;
  return path ? `${req.baseUrl}${path}` : req.path;
}
