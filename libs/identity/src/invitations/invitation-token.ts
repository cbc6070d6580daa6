import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@enclave/core';

/**
 * Invitation links carry `<invitation id>.<HMAC-SHA256(key, id + expiry)>`: the server can
 * recompute the MAC whenever it needs the link (the mail job) and check it on accept, so no
 * token is stored anywhere — not hashed in the database, not in Redis job payloads or logs.
 * The expiry is inside the MAC, so moving it in the database voids the link; single use and
 * revocation come from the row's status.
 */
export function invitationToken(key: Buffer, invitationId: string, expiresAt: Date): string {
  return `${invitationId}.${mac(key, invitationId, expiresAt).toString('base64url')}`;
}

export interface ParsedInvitationToken {
  readonly invitationId: string;
  readonly mac: Buffer;
}

export function parseInvitationToken(token: string): ParsedInvitationToken | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  const invitationId = token.slice(0, dot).toLowerCase();
  const encoded = token.slice(dot + 1);
  if (!isUuid(invitationId) || !/^[A-Za-z0-9_-]{43}$/.test(encoded)) return undefined;
  return { invitationId, mac: Buffer.from(encoded, 'base64url') };
}

/** Constant-time comparison with the MAC the row's id and expiry should produce. */
export function invitationMacMatches(key: Buffer, parsed: ParsedInvitationToken, expiresAt: Date): boolean {
  const expected = mac(key, parsed.invitationId, expiresAt);
  return parsed.mac.length === expected.length && timingSafeEqual(parsed.mac, expected);
}

function mac(key: Buffer, invitationId: string, expiresAt: Date): Buffer {
  return createHmac('sha256', key).update(`enclave.invitation.v1:${invitationId}:${expiresAt.getTime()}`).digest();
}
