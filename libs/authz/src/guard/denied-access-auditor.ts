import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type Actor, type AppConfig } from '@enclave/core';
import { AuditService, DeniedAccessRecorder, type Denial } from '@enclave/audit';
import { AUTHZ_REDIS } from '../authz.tokens.js';

export type { Denial } from '@enclave/audit';

/**
 * Records refused requests of signed-in users as `access.denied` (throttled per actor, code and
 * route; see DeniedAccessRecorder). Callers are the guard and the edge interceptor, after the
 * refused work rolled back.
 */
@Injectable()
export class DeniedAccessAuditor {
  private readonly recorder: DeniedAccessRecorder;

  constructor(@Inject(AuditService) audit: AuditService, @Inject(AUTHZ_REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.recorder = new DeniedAccessRecorder(audit, redis, `${config.redis.keyPrefix}authz:denied:`);
  }

  record(actor: Actor, denial: Denial): Promise<void> {
    return this.recorder.record(actor, denial);
  }
}
