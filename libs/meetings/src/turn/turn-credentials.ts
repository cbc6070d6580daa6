import { createHmac } from 'node:crypto';
import type { IceServerResponse } from '@enclave/contracts';

export interface TurnSettings {
  readonly stunUrls: readonly string[];
  readonly turnUrls: readonly string[];
  readonly turnSecret: string | undefined;
  readonly turnTtlSeconds: number;
}

/**
 * TURN REST API credentials (draft-uberti-behave-turn-rest, what coturn's `use-auth-secret`
 * checks): the username is `expiry:userId` with expiry in Unix seconds, the password is
 * base64(HMAC-SHA1(secret, username)). coturn recomputes the HMAC and refuses an expired
 * username, so nothing is stored and a leaked credential dies by itself.
 */
export function turnCredential(secret: string, userId: string, expiresAtSeconds: number): { username: string; credential: string } {
  const username = `${expiresAtSeconds}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** The ICE servers a meeting client is handed: STUN as configured, TURN with a fresh credential. */
export function iceServersFor(settings: TurnSettings, userId: string, nowMs: number): IceServerResponse[] {
  const servers: IceServerResponse[] = [];
  if (settings.stunUrls.length > 0) servers.push({ urls: [...settings.stunUrls] });
  if (settings.turnUrls.length > 0 && settings.turnSecret) {
    const expiresAt = Math.floor(nowMs / 1000) + settings.turnTtlSeconds;
    servers.push({ urls: [...settings.turnUrls], ...turnCredential(settings.turnSecret, userId, expiresAt) });
  }
  return servers;
}
