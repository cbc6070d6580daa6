import type { RawSettings } from './config.schema.js';

/** The validated configuration, grouped by concern. Built only by `loadConfig`. */
export interface AppConfig {
  readonly env: RawSettings['NODE_ENV'];
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl: string;
    readonly trustProxy: boolean;
    readonly bodyLimitBytes: number;
  };
  readonly dataDir: string;
  readonly database: {
    /** Undefined: embedded PGlite under dataDir. */
    readonly url: string | undefined;
    readonly poolSize: number;
    readonly schema: string;
  };
  readonly redis: { readonly url: string; readonly keyPrefix: string };
  readonly log: { readonly level: RawSettings['LOG_LEVEL']; readonly pretty: boolean };
  readonly auth: {
    readonly adminPassword: string | undefined;
    readonly jwtSecret: string | undefined;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
    readonly passwordMinLength: number;
    readonly passwordRejectCommon: boolean;
    readonly loginMaxFailures: number;
    readonly loginLockoutSeconds: number;
    readonly loginIpMaxAttempts: number;
    readonly loginIpWindowSeconds: number;
    readonly mfaIssuer: string;
    readonly mfaEncryptionKey: string | undefined;
  };
  readonly audit: { readonly signingKeyFile: string | undefined };
  readonly metrics: { readonly enabled: boolean };
  readonly messaging: {
    /** In Unicode code points. */
    readonly maxMessageLength: number;
    readonly syncWindow: number;
    readonly maxReactionsPerMessage: number;
  };
  readonly authz: {
    /** 0: no limit. */
    readonly messageEditWindowMinutes: number;
    readonly abilityCacheTtlSeconds: number;
  };
  readonly realtime: {
    readonly maxEventBytes: number;
    readonly maxFrameBytes: number;
    readonly sendRatePerSecond: number;
    readonly sendBurst: number;
    readonly awayAfterSeconds: number;
    readonly presenceTtlSeconds: number;
    readonly typingTtlSeconds: number;
    /** Client events run against the database at once per node (SendAdmission). */
    readonly maxInFlight: number;
  };
  readonly mail: {
    /** Undefined: mail is not configured (invitations are stored but not sent). */
    readonly smtpUrl: string | undefined;
    readonly from: string;
  };
  readonly accountAdmin: {
    readonly invitationTtlHours: number;
    readonly importMaxBytes: number;
    readonly importMaxRows: number;
  };
  readonly jobs: { readonly runWorkers: boolean };
  readonly meetings: {
    readonly stunUrls: readonly string[];
    readonly turnUrls: readonly string[];
    /** Undefined: TURN credentials are not issued (clients get STUN only). */
    readonly turnSecret: string | undefined;
    readonly turnTtlSeconds: number;
    readonly maxParticipants: number;
    readonly statsIntervalSeconds: number;
  };
  readonly media: {
    /** Run a media node in this process. */
    readonly embedded: boolean;
    readonly nodeId: string | undefined;
    readonly bindAddress: string;
    readonly announcedAddress: string;
    readonly udpPortMin: number;
    readonly udpPortMax: number;
    readonly heartbeatSeconds: number;
    readonly keyframeIntervalSeconds: number;
  };
}
