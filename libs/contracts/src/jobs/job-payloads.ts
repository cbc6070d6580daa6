import type { JobName } from './job-names.js';

/** Applies a validated user import (`user_import` row); rows already done are skipped on retry. */
export interface UserImportApplyPayload {
  readonly importId: string;
  /** The administrator who started it: row changes are made (and audited) in their name. */
  readonly appliedBy: string | null;
}

/**
 * Sends an invitation mail. Carries only the invitation id: the link is re-derived from the
 * server key when the mail is sent, so no token sits in Redis or in a failed-job log.
 */
export interface InvitationMailPayload {
  readonly invitationId: string;
}

/** The payload of every job, by name: enqueueing and processing are type-checked against it. */
export interface JobPayloadMap {
  [JobName.UserImportApply]: UserImportApplyPayload;
  [JobName.InvitationMail]: InvitationMailPayload;
}

export type JobPayload<N extends JobName> = JobPayloadMap[N];
