import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { invitationMacMatches, invitationToken, parseInvitationToken } from './invitation-token.js';

describe('invitation tokens', () => {
  const key = randomBytes(32);
  const id = '0b7e2c1a-4f3d-4e5b-9a8c-1d2e3f4a5b6c';
  const expiresAt = new Date('2026-12-01T00:00:00Z');

  it('round-trips and checks against the row', () => {
    const parsed = parseInvitationToken(invitationToken(key, id, expiresAt));
    expect(parsed?.invitationId).toBe(id);
    expect(invitationMacMatches(key, parsed!, expiresAt)).toBe(true);
  });

  it('fails for another key, another expiry, a changed MAC and malformed input', () => {
    const token = invitationToken(key, id, expiresAt);
    const parsed = parseInvitationToken(token)!;
    expect(invitationMacMatches(randomBytes(32), parsed, expiresAt)).toBe(false);
    expect(invitationMacMatches(key, parsed, new Date(expiresAt.getTime() + 1))).toBe(false);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(invitationMacMatches(key, parseInvitationToken(flipped)!, expiresAt)).toBe(false);
    for (const bad of ['', 'abc', `${id}`, `${id}.`, `not-a-uuid.${'A'.repeat(43)}`, `${id}.${'A'.repeat(42)}`, `${id}.${'!'.repeat(43)}`]) {
      expect(parseInvitationToken(bad)).toBeUndefined();
    }
  });
});
