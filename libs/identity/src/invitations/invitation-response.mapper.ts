import type { InvitationResponse } from '@enclave/contracts';
import type { InvitationRecord } from './invitation.record.js';

/** Never includes a token or link: those exist only in the mail. */
export function toInvitationResponse(invitation: InvitationRecord, now: Date): InvitationResponse {
  const expired = invitation.status === 'pending' && invitation.expiresAt.getTime() <= now.getTime();
  return {
    id: invitation.id,
    email: invitation.email,
    displayName: invitation.displayName,
    roles: [...invitation.roles],
    groupIds: [...invitation.groupIds],
    status: expired ? 'expired' : invitation.status,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    mailSentAt: invitation.mailSentAt?.toISOString() ?? null,
    acceptedUserId: invitation.acceptedUserId,
  };
}
