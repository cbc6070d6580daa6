/**
 * Every background queue and job, declared once (ARCHITECTURE.md §2.6). Values are stored in
 * Redis with queued jobs and read by processors on other nodes and versions: never change or
 * reuse one; add new ones instead.
 */
export enum QueueName {
  /** Bulk user imports: long-running, one at a time per node. */
  UserImport = 'user-import',
  /** Outgoing mail (invitations): short, retried with backoff. */
  Mail = 'mail',
}

export enum JobName {
  UserImportApply = 'user-import.apply',
  InvitationMail = 'mail.invitation',
}

/** The queue each job runs on. */
export const JOB_QUEUES: Readonly<Record<JobName, QueueName>> = {
  [JobName.UserImportApply]: QueueName.UserImport,
  [JobName.InvitationMail]: QueueName.Mail,
};
