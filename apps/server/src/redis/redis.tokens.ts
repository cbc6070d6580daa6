/** Injection token of the process-wide ioredis client (commands; not for blocking or subscribe). */
export const REDIS = Symbol('REDIS');
