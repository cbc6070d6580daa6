import { z } from 'zod';

/**
 * Every setting Enclave reads, in one place. The README table and `.env.example` are
 * generated from this list (`npm run config:docs`), so documentation cannot drift from code.
 */
export interface SettingSpec<T extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  /** Shown in docs; `undefined` means the setting is optional with no default. */
  readonly defaultText?: string;
  readonly secret?: boolean;
  readonly schema: T;
}

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^-?\d+$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number, got "${v}"` });
        return z.NEVER;
      }
      const n = Number(v);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be between ${min} and ${max}, got ${n}` });
        return z.NEVER;
      }
      return n;
    });

const url = (protocols: readonly string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}` },
  );

const bytes = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = (v ?? fallback).trim().toLowerCase();
      const m = /^(\d+)\s*(b|kb|mb|gb)?$/.exec(text);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `must be a size like 512kb or 1mb, got "${v}"` });
        return z.NEVER;
      }
      const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b') as 'b' | 'kb' | 'mb' | 'gb'];
      return Number(m[1]) * unit;
    });

/** A comma-separated list of URLs with one of `protocols` (WebRTC ICE URLs have no `//`). */
const urlList = (protocols: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = (v ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
      for (const item of items) {
        if (!protocols.some((p) => item.startsWith(p))) {
          ctx.addIssue({ code: 'custom', message: `must be URLs starting with ${protocols.join(' or ')}, got "${item}"` });
          return z.NEVER;
        }
      }
      return items;
    });

const optionalString = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const SETTINGS = {
  NODE_ENV: {
    description: 'development, production or test.',
    defaultText: 'production',
    schema: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).optional().default('production'),
  },
  HOST: { description: 'Address the HTTP server binds to.', defaultText: '0.0.0.0', schema: z.string().min(1).optional().default('0.0.0.0') },
  PORT: { description: 'HTTP port (0 picks a free one).', defaultText: '3000', schema: int(3000, 0, 65535) },
  PUBLIC_URL: {
    description: 'Externally visible base URL, used in links and printed at start-up.',
    defaultText: 'http://localhost:$PORT',
    schema: url(['http:', 'https:']).optional(),
  },
  DATA_DIR: {
    description: 'Directory for the embedded database and other local state.',
    defaultText: './data',
    schema: z.string().min(1).optional().default('./data'),
  },
  DATABASE_URL: {
    description: 'PostgreSQL URL. Unset: an embedded PostgreSQL (PGlite) under DATA_DIR.',
    secret: true,
    schema: url(['postgres:', 'postgresql:']).optional(),
  },
  DATABASE_POOL_SIZE: { description: 'Connections per process to PostgreSQL (the embedded database always uses one).', defaultText: '10', schema: int(10, 1, 500) },
  DATABASE_SCHEMA: {
    description: 'PostgreSQL schema holding Enclave tables (lets tests isolate runs).',
    defaultText: 'public',
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').optional().default('public'),
  },
  REDIS_URL: {
    description: 'Redis URL (queues, rate limits, cross-node events).',
    defaultText: 'redis://127.0.0.1:6379',
    secret: true,
    schema: url(['redis:', 'rediss:']).optional().default('redis://127.0.0.1:6379'),
  },
  REDIS_KEY_PREFIX: {
    description: 'Prefix of every Redis key Enclave writes.',
    defaultText: 'enclave:',
    schema: z.string().max(64).optional().default('enclave:'),
  },
  LOG_LEVEL: {
    description: 'fatal, error, warn, info, debug or trace.',
    defaultText: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  },
  LOG_PRETTY: { description: 'Human-readable logs instead of JSON lines.', defaultText: 'false', schema: bool(false) },
  TRUST_PROXY: {
    description: 'Trust X-Forwarded-For from a reverse proxy (needed for correct client IPs behind nginx).',
    defaultText: 'false',
    schema: bool(false),
  },
  HTTP_BODY_LIMIT: { description: 'Largest accepted JSON request body.', defaultText: '1mb', schema: bytes('1mb') },
  ENCLAVE_ADMIN_PASSWORD: {
    description: 'Password of the `admin` account created on first start. Unset: a random one is printed once.',
    secret: true,
    schema: optionalString(),
  },
  JWT_SECRET: {
    description: 'HMAC key for access tokens (≥ 32 chars). Unset: generated once and kept in the database, shared by all nodes.',
    secret: true,
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
  },
  ACCESS_TOKEN_TTL_SECONDS: { description: 'Lifetime of an access token.', defaultText: '900', schema: int(900, 30, 86400) },
  REFRESH_TOKEN_TTL_SECONDS: {
    description: 'Idle lifetime of a session (its refresh token).',
    defaultText: '2592000',
    schema: int(2592000, 300, 31536000),
  },
  PASSWORD_MIN_LENGTH: { description: 'Minimum password length.', defaultText: '12', schema: int(12, 8, 128) },
  PASSWORD_REJECT_COMMON: {
    description: 'Reject passwords on the shipped list of breached common passwords.',
    defaultText: 'true',
    schema: bool(true),
  },
  LOGIN_MAX_FAILURES: { description: 'Failed logins before an account is locked.', defaultText: '5', schema: int(5, 1, 1000) },
  LOGIN_LOCKOUT_SECONDS: { description: 'How long a locked account stays locked.', defaultText: '900', schema: int(900, 1, 86400 * 30) },
  LOGIN_IP_MAX_ATTEMPTS: {
    description: 'Login attempts one IP may make per window before it is throttled.',
    defaultText: '50',
    schema: int(50, 1, 100000),
  },
  LOGIN_IP_WINDOW_SECONDS: { description: 'The per-IP login throttling window.', defaultText: '300', schema: int(300, 1, 86400) },
  MFA_ISSUER: { description: 'Issuer name shown in authenticator apps.', defaultText: 'Enclave', schema: z.string().min(1).max(64).optional().default('Enclave') },
  MFA_ENCRYPTION_KEY: {
    description: 'Key (≥ 32 chars) encrypting TOTP secrets at rest. Unset: generated once and kept in DATA_DIR/secrets or the database.',
    secret: true,
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
  },
  AUDIT_SIGNING_KEY_FILE: {
    description: 'Ed25519 private key (PEM) that signs audit export manifests. `npm run audit -- keygen` makes one.',
    schema: optionalString(),
  },
  METRICS_ENABLED: { description: 'Serve Prometheus metrics at /metrics.', defaultText: 'true', schema: bool(true) },
  MESSAGING_MAX_MESSAGE_LENGTH: {
    description: 'Longest message text, in Unicode code points (longer sends get MESSAGE_TOO_LONG).',
    defaultText: '16000',
    schema: int(16000, 1, 65535),
  },
  MESSAGING_SYNC_WINDOW: {
    description: 'Most events a reconnecting client catches up per conversation; past it the client is told to resync.',
    defaultText: '2000',
    schema: int(2000, 50, 100000),
  },
  MESSAGING_MAX_REACTIONS_PER_MESSAGE: { description: 'Distinct emoji reactions one message can have.', defaultText: '50', schema: int(50, 1, 500) },
  REALTIME_MAX_EVENT_BYTES: {
    description: 'Largest WebSocket event a client may send; bigger ones are answered with PAYLOAD_TOO_LARGE.',
    defaultText: '64kb',
    schema: bytes('64kb'),
  },
  REALTIME_MAX_FRAME_BYTES: {
    description: 'Hard cap on one WebSocket frame (socket.io maxHttpBufferSize); bigger frames close the connection.',
    defaultText: '1mb',
    schema: bytes('1mb'),
  },
  REALTIME_SEND_RATE_PER_SECOND: {
    description: 'Sustained rate of client events per user (all devices and nodes together).',
    defaultText: '20',
    schema: int(20, 1, 100000),
  },
  REALTIME_SEND_BURST: { description: 'Client events a user may send in a burst above the sustained rate.', defaultText: '60', schema: int(60, 1, 1000000) },
  REALTIME_AWAY_AFTER_SECONDS: {
    description: 'Idle time after which a connected user shows as away.',
    defaultText: '300',
    schema: int(300, 5, 86400),
  },
  REALTIME_PRESENCE_TTL_SECONDS: {
    description: 'How long a device counts as online without a heartbeat (covers a crashed node).',
    defaultText: '45',
    schema: int(45, 3, 3600),
  },
  REALTIME_MAX_IN_FLIGHT: {
    description: 'Client events one node runs against the database at once; past it events get SERVICE_UNAVAILABLE with a retry hint (0 = 16 per database connection, at least 64).',
    defaultText: '0',
    schema: int(0, 0, 100000),
  },
  REALTIME_TYPING_TTL_SECONDS: { description: 'How long a typing indicator lasts without a refresh.', defaultText: '6', schema: int(6, 1, 60) },
  SMTP_URL: {
    description: 'Outgoing mail server, e.g. smtp://user:pass@mail.example.com:587 or smtps://… (invitations). Unset: no mail is sent.',
    secret: true,
    schema: url(['smtp:', 'smtps:']).optional(),
  },
  MAIL_FROM: {
    description: 'Sender address of the mail Enclave sends.',
    defaultText: 'Enclave <no-reply@localhost>',
    schema: z.string().min(3).max(256).optional().default('Enclave <no-reply@localhost>'),
  },
  INVITATION_TTL_HOURS: { description: 'How long an emailed invitation link stays valid.', defaultText: '72', schema: int(72, 1, 24 * 90) },
  IMPORT_MAX_BYTES: { description: 'Largest CSV file a user import accepts (bigger ones get IMPORT_TOO_LARGE).', defaultText: '5mb', schema: bytes('5mb') },
  IMPORT_MAX_ROWS: { description: 'Most data rows a user import accepts (more get IMPORT_TOO_LARGE).', defaultText: '50000', schema: int(50000, 1, 1000000) },
  JOBS_RUN_WORKERS: {
    description: 'Run the background job processors (imports, mail) in this process; turn off on nodes that should only serve requests.',
    defaultText: 'true',
    schema: bool(true),
  },
  AUTHZ_MESSAGE_EDIT_WINDOW_MINUTES: {
    description: 'How long after sending authors may edit their messages (0 = always).',
    defaultText: '0',
    schema: int(0, 0, 525600),
  },
  AUTHZ_ABILITY_CACHE_TTL_SECONDS: {
    description: 'How long a session keeps its computed permissions before rebuilding them (role changes apply at once regardless; 0 = no cache).',
    defaultText: '60',
    schema: int(60, 0, 3600),
  },
  MEETINGS_STUN_URLS: {
    description: 'Comma-separated STUN URLs handed to meeting clients (e.g. stun:turn.example.com:3478). Empty: none.',
    defaultText: '',
    schema: urlList(['stun:', 'stuns:']),
  },
  MEETINGS_TURN_URLS: {
    description: 'Comma-separated TURN URLs handed to meeting clients (e.g. turn:turn.example.com:3478?transport=udp). Empty: no TURN.',
    defaultText: '',
    schema: urlList(['turn:', 'turns:']),
  },
  MEETINGS_TURN_SECRET: {
    description: 'Shared secret of the TURN server (coturn `static-auth-secret` with `use-auth-secret`); signs time-limited TURN credentials.',
    secret: true,
    schema: optionalString(),
  },
  MEETINGS_TURN_TTL_SECONDS: { description: 'Lifetime of the TURN credentials a meeting join hands out.', defaultText: '3600', schema: int(3600, 60, 7 * 86400) },
  MEETINGS_MAX_PARTICIPANTS: { description: 'Most participants in one meeting (more get MEETING_FULL).', defaultText: '50', schema: int(50, 2, 1000) },
  MEETINGS_STATS_INTERVAL_SECONDS: {
    description: 'How often meeting clients report their connection quality (getStats summaries).',
    defaultText: '5',
    schema: int(5, 1, 300),
  },
  MEDIA_EMBEDDED: {
    description: 'Run a media node (the SFU) inside the server process. Turn off where separate `apps/media` nodes run.',
    defaultText: 'true',
    schema: bool(true),
  },
  MEDIA_NODE_ID: { description: 'Name of this media node in Redis. Unset: a random one per start.', schema: optionalString() },
  MEDIA_BIND_ADDRESS: {
    description: 'IP address the SFU binds its UDP ports to and offers as its ICE host candidate.',
    defaultText: '127.0.0.1',
    schema: z.string().min(1).optional().default('127.0.0.1'),
  },
  MEDIA_ANNOUNCED_ADDRESS: {
    description: 'IP address the SFU announces to clients when it differs from the bind address (1:1 NAT). Unset: the bind address.',
    schema: optionalString(),
  },
  MEDIA_UDP_PORT_MIN: { description: 'Lowest UDP port the SFU uses for media.', defaultText: '40000', schema: int(40000, 1024, 65535) },
  MEDIA_UDP_PORT_MAX: { description: 'Highest UDP port the SFU uses for media.', defaultText: '49999', schema: int(49999, 1024, 65535) },
  MEDIA_HEARTBEAT_SECONDS: {
    description: 'How often a media node reports its load to Redis; a node silent for three periods gets no new meetings.',
    defaultText: '2',
    schema: int(2, 1, 60),
  },
  MEDIA_KEYFRAME_INTERVAL_SECONDS: {
    description: 'How often the SFU asks each video publisher for a key frame (besides on every new subscriber).',
    defaultText: '5',
    schema: int(5, 1, 600),
  },
} as const satisfies Record<string, Omit<SettingSpec, 'name'>>;

export type SettingName = keyof typeof SETTINGS;
export type RawSettings = { [K in SettingName]: z.output<(typeof SETTINGS)[K]['schema']> };
