import { randomBytes } from 'node:crypto';

/**
 * The name an erased account goes by from now on, in messages, mentions and exports:
 * `deleted-user-` and 8 random hex characters (a valid username, so every code path that
 * renders a sender keeps working). Random rather than derived from the id: the pseudonym
 * must not lead back to the person; the audit trail links them for compliance.
 */
export function newPseudonym(): string {
  return `deleted-user-${randomBytes(4).toString('hex')}`;
}

export const PSEUDONYM_PATTERN = /^deleted-user-[0-9a-f]{8}$/;
