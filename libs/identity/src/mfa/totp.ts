import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app supports: SHA-1, 6 digits, 30 s steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** Accept one step either side: phones drift and people type slowly. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
const CODE_PATTERN = /^\d{6}$/;

export function newTotpSecret(): string {
  return generateSecret(); // 20 random bytes, base32: the RFC 4226 recommended length
}

export function totpUri(issuer: string, accountName: string, secret: string): string {
  return generateURI({ issuer, label: accountName, secret, period: TOTP_PERIOD_SECONDS });
}

export function looksLikeTotpCode(value: string): boolean {
  return CODE_PATTERN.test(value.replace(/\s/g, ''));
}

/**
 * Checks a code at `nowMs`. `afterTimeStep` is the last step this user already used: a code
 * from that step or earlier is rejected, so an observed code cannot be replayed.
 * Returns the matched step to store as the new high-water mark.
 */
export async function verifyTotp(secret: string, code: string, nowMs: number, afterTimeStep: number | undefined): Promise<number | undefined> {
  const token = code.replace(/\s/g, '');
  if (!CODE_PATTERN.test(token)) return undefined;
  const epoch = Math.floor(nowMs / 1000);
  const result = await verify({
    secret,
    token,
    period: TOTP_PERIOD_SECONDS,
    epoch,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep === undefined ? {} : { afterTimeStep }),
  });
  if (!result.valid) return undefined;
  // The result type is a TOTP/HOTP union; only the TOTP side carries timeStep.
  return 'timeStep' in result ? result.timeStep : Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta;
}

/** The code an authenticator shows at `nowMs` (tests and the bench act as the phone). */
export async function totpCodeAt(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, period: TOTP_PERIOD_SECONDS, epoch: Math.floor(nowMs / 1000) });
}
