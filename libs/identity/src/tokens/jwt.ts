import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Minimal HS256 JWTs: the only algorithm we issue and the only one we accept, so the
 * classic `alg: none` / algorithm-confusion attacks have nothing to work with. Time comes
 * from the caller (the injected Clock) so tests can expire tokens without sleeping.
 */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly sid: string;
  readonly iat: number;
  readonly exp: number;
}

export type JwtCheck =
  | { readonly ok: true; readonly claims: AccessTokenClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired' };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const MAX_TOKEN_LENGTH = 2048;

export function signJwt(claims: AccessTokenClaims, key: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signingInput = `${HEADER}.${payload}`;
  return `${signingInput}.${mac(signingInput, key)}`;
}

export function verifyJwt(token: string, key: Buffer, nowSeconds: number): JwtCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  // Byte-exact header: rejects any other algorithm without parsing attacker-chosen JSON.
  if (header !== HEADER) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(`${header}.${payload}`, key), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function mac(input: string, key: Buffer): string {
  return createHmac('sha256', key).update(input).digest('base64url');
}

function parseClaims(payload: string): AccessTokenClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!value || typeof value !== 'object') return undefined;
    const { sub, sid, iat, exp } = value as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') return undefined;
    return { sub, sid, iat, exp };
  } catch {
    return undefined;
  }
}
