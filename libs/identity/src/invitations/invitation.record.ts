export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export interface InvitationRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly roles: readonly string[];
  readonly groupIds: readonly string[];
  readonly status: InvitationStatus;
  readonly invitedBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly acceptedUserId: string | null;
  readonly mailSentAt: Date | null;
}

export type NewInvitation = Pick<InvitationRecord, 'id' | 'email' | 'displayName' | 'roles' | 'groupIds' | 'invitedBy' | 'createdAt' | 'expiresAt'>;
