import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** Compliance: retention, legal holds, exports, flagged content, DLP and the message archive (all of it, edits and deletes included). */
export const compliancePolicy = capabilityPolicy('Compliance', {
  [Permission.ComplianceExport]: 'export',
  [Permission.ComplianceArchiveRead]: 'readArchive',
  [Permission.RetentionManage]: 'manageRetention',
  [Permission.LegalHoldManage]: 'manageLegalHolds',
  [Permission.FlaggedContentReview]: 'reviewFlagged',
  [Permission.DlpPolicyManage]: 'manageDlp',
});
