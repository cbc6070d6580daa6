import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { AuditAction } from '../catalogue/audit-action.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AUDITED_METADATA, type AuditedMetadata, type AuditedOptions } from './audited.metadata.js';

/**
 * Makes a controller method an audited action, in one line at the edge:
 * `@Audited(AuditAction.UserUpdated, { target: 'user', targetIdParam: 'id' })`.
 * The handler runs in a transaction; `success` is recorded in it, `failure`/`denied` after
 * its rollback. Handlers add before/after through `AuditContext`.
 */
export function Audited(action: AuditAction, options: AuditedOptions = {}): MethodDecorator {
  const metadata: AuditedMetadata = { action, ...options };
  return applyDecorators(SetMetadata(AUDITED_METADATA, metadata), UseInterceptors(AuditInterceptor));
}
