import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Refresh tokens are `<id>.<secret>`: the id (a UUID as 22 base64url chars) finds the row,
 * the 256-bit secret proves possession. Only SHA-256(secret) is stored: the secret is
 * random, so a slow hash would add nothing but latency, and a database leak yields no
 * usable token.
 */
export interface RefreshTokenParts {
  readonly id: string;
  readonly secret: string;
}

const SECRET_BYTES = 32;
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newRefreshToken(): RefreshTokenParts & { readonly token: string } {
  const id = randomUUID();
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { id, secret, token: `${uuidToBase64url(id)}.${secret}` };
}

/** Undefined for anything that is not a well-formed token; callers answer AUTH_REFRESH_INVALID. */
export function parseRefreshToken(token: string): RefreshTokenParts | undefined {
  const dot = token.indexOf('.');
  if (dot < 0) return undefined;
  const idPart = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (!ID_PATTERN.test(idPart) || !SECRET_PATTERN.test(secret)) return undefined;
  const bytes = Buffer.from(idPart, 'base64url');
  if (bytes.length !== 16) return undefined;
  return { id: bytesToUuid(bytes), secret };
}

export function hashRefreshSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function refreshSecretMatches(secret: string, storedHash: Buffer): boolean {
  const candidate = hashRefreshSecret(secret);
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
}

function uuidToBase64url(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
