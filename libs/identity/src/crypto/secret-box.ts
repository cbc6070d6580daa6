import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM standard nonce size; random nonces are safe far beyond our volume

/**
 * AES-256-GCM for small secrets at rest (TOTP seeds). `context` is bound as associated data,
 * so a ciphertext copied onto another user's row fails to decrypt instead of working there.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  if (key.length !== 32) throw new Error('secret-box key must be 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** Returns undefined for tampered or foreign ciphertexts (wrong key, wrong context, bad format). */
export function openSecret(key: Buffer, sealed: string, context: string): string | undefined {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  try {
    const [, iv, tag, ciphertext] = parts as [string, string, string, string];
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
