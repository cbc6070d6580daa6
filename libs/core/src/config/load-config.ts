import type { z } from 'zod';
import { SETTINGS, type RawSettings, type SettingName } from './config.schema.js';
import type { AppConfig } from './app-config.js';

/** Thrown when the environment is invalid; `message` is one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment and returns the typed configuration.
 * This module is the only place in Enclave that reads environment variables.
 */
export function loadConfig(env: Environment = process.env): AppConfig {
  const raw = {} as Record<SettingName, unknown>;
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const value = env[name];
    const result = (SETTINGS[name].schema as z.ZodType).safeParse(value === '' && name !== 'ENCLAVE_ADMIN_PASSWORD' ? undefined : value);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ConfigError(name, issue?.message ?? 'is invalid');
    }
    raw[name] = result.data;
  }
  return toAppConfig(raw as RawSettings);
}

function toAppConfig(s: RawSettings): AppConfig {
  return {
    env: s.NODE_ENV,
    http: {
      host: s.HOST,
      port: s.PORT,
      publicUrl: (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, ''),
      trustProxy: s.TRUST_PROXY,
      bodyLimitBytes: s.HTTP_BODY_LIMIT,
    },
    dataDir: s.DATA_DIR,
    database: { url: s.DATABASE_URL, poolSize: s.DATABASE_POOL_SIZE, schema: s.DATABASE_SCHEMA },
    redis: { url: s.REDIS_URL, keyPrefix: s.REDIS_KEY_PREFIX },
    log: { level: s.LOG_LEVEL, pretty: s.LOG_PRETTY },
    auth: {
      adminPassword: s.ENCLAVE_ADMIN_PASSWORD,
      jwtSecret: s.JWT_SECRET,
      accessTokenTtlSeconds: s.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: s.REFRESH_TOKEN_TTL_SECONDS,
      passwordMinLength: s.PASSWORD_MIN_LENGTH,
      passwordRejectCommon: s.PASSWORD_REJECT_COMMON,
      loginMaxFailures: s.LOGIN_MAX_FAILURES,
      loginLockoutSeconds: s.LOGIN_LOCKOUT_SECONDS,
      loginIpMaxAttempts: s.LOGIN_IP_MAX_ATTEMPTS,
      loginIpWindowSeconds: s.LOGIN_IP_WINDOW_SECONDS,
      mfaIssuer: s.MFA_ISSUER,
      mfaEncryptionKey: s.MFA_ENCRYPTION_KEY,
    },
    audit: { signingKeyFile: s.AUDIT_SIGNING_KEY_FILE },
    metrics: { enabled: s.METRICS_ENABLED },
    messaging: {
      maxMessageLength: s.MESSAGING_MAX_MESSAGE_LENGTH,
      syncWindow: s.MESSAGING_SYNC_WINDOW,
      maxReactionsPerMessage: s.MESSAGING_MAX_REACTIONS_PER_MESSAGE,
    },
    authz: {
      messageEditWindowMinutes: s.AUTHZ_MESSAGE_EDIT_WINDOW_MINUTES,
      abilityCacheTtlSeconds: s.AUTHZ_ABILITY_CACHE_TTL_SECONDS,
    },
    realtime: {
      maxEventBytes: s.REALTIME_MAX_EVENT_BYTES,
      maxFrameBytes: Math.max(s.REALTIME_MAX_FRAME_BYTES, s.REALTIME_MAX_EVENT_BYTES),
      sendRatePerSecond: s.REALTIME_SEND_RATE_PER_SECOND,
      sendBurst: s.REALTIME_SEND_BURST,
      awayAfterSeconds: s.REALTIME_AWAY_AFTER_SECONDS,
      presenceTtlSeconds: s.REALTIME_PRESENCE_TTL_SECONDS,
      typingTtlSeconds: s.REALTIME_TYPING_TTL_SECONDS,
      maxInFlight: s.REALTIME_MAX_IN_FLIGHT || Math.max(64, s.DATABASE_POOL_SIZE * 16),
    },
    mail: { smtpUrl: s.SMTP_URL, from: s.MAIL_FROM },
    accountAdmin: { invitationTtlHours: s.INVITATION_TTL_HOURS, importMaxBytes: s.IMPORT_MAX_BYTES, importMaxRows: s.IMPORT_MAX_ROWS },
    jobs: { runWorkers: s.JOBS_RUN_WORKERS },
    meetings: {
      stunUrls: s.MEETINGS_STUN_URLS,
      turnUrls: s.MEETINGS_TURN_URLS,
      turnSecret: s.MEETINGS_TURN_SECRET,
      turnTtlSeconds: s.MEETINGS_TURN_TTL_SECONDS,
      maxParticipants: s.MEETINGS_MAX_PARTICIPANTS,
      statsIntervalSeconds: s.MEETINGS_STATS_INTERVAL_SECONDS,
    },
    media: {
      embedded: s.MEDIA_EMBEDDED,
      nodeId: s.MEDIA_NODE_ID,
      bindAddress: s.MEDIA_BIND_ADDRESS,
      announcedAddress: s.MEDIA_ANNOUNCED_ADDRESS ?? s.MEDIA_BIND_ADDRESS,
      udpPortMin: s.MEDIA_UDP_PORT_MIN,
      udpPortMax: Math.max(s.MEDIA_UDP_PORT_MAX, s.MEDIA_UDP_PORT_MIN),
      heartbeatSeconds: s.MEDIA_HEARTBEAT_SECONDS,
      keyframeIntervalSeconds: s.MEDIA_KEYFRAME_INTERVAL_SECONDS,
    },
  };
}
