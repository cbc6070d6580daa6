/**
 * Field names whose values are secrets. Used by the logger's redaction and by the audit
 * trail's before/after scrubbing, so one list keeps secrets out of both.
 */
export const SECRET_FIELD_NAMES: readonly string[] = [
  'password',
  'newPassword',
  'currentPassword',
  'oldPassword',
  'temporaryPassword',
  'passwordHash',
  'totp',
  'totpSecret',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'invitationToken',
  'recoveryCode',
  'recoveryCodes',
  'authorization',
  'cookie',
  'set-cookie',
  'apiKey',
  'clientSecret',
  'privateKey',
];

const SECRET_SET = new Set(SECRET_FIELD_NAMES.map((n) => n.toLowerCase()));

export function isSecretField(name: string): boolean {
  return SECRET_SET.has(name.toLowerCase());
}

export const REDACTED = '[REDACTED]';

/** Deep copy with secret fields replaced by `[REDACTED]`. */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > 16 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactSecrets(v, depth + 1)) as T;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSecretField(k) ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out as T;
}

/** pino `redact.paths` covering request bodies, headers and error payloads. */
export function pinoRedactPaths(): string[] {
  const paths = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];
  for (const f of SECRET_FIELD_NAMES) {
    paths.push(`${safe(f)}`, `*.${safe(f)}`, `*.*.${safe(f)}`, `req.body.${safe(f)}`);
  }
  return paths;
}

function safe(field: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
}
