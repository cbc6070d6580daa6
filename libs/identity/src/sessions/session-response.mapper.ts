import type { SessionResponse } from '@enclave/contracts';
import type { SessionRecord } from './session.record.js';

export function toSessionResponse(session: SessionRecord, currentSessionId: string | undefined): SessionResponse {
  return {
    id: session.id,
    current: session.id === currentSessionId,
    userAgent: session.userAgent,
    ip: session.ip,
    mfa: session.mfa,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}
