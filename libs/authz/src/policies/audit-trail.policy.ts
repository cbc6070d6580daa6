import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** The audit trail: read-only for everyone (it is append-only); exporting it is reading it. */
export const auditTrailPolicy = capabilityPolicy('AuditTrail', {
  [Permission.AuditRead]: 'read',
  [Permission.AuditExport]: 'export',
});
