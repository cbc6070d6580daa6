import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './load-config.js';
import { SETTINGS } from './config.schema.js';

describe('loadConfig', () => {
  it('gives safe defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.http.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toBe('./data');
    expect(config.database.url).toBeUndefined();
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.auth.passwordMinLength).toBe(12);
    expect(config.http.bodyLimitBytes).toBe(1024 * 1024);
  });

  it('parses sizes, booleans and numbers', () => {
    const config = loadConfig({ HTTP_BODY_LIMIT: '256kb', TRUST_PROXY: 'true', PORT: '8080', PUBLIC_URL: 'https://chat.example.cn/' });
    expect(config.http.bodyLimitBytes).toBe(256 * 1024);
    expect(config.http.trustProxy).toBe(true);
    expect(config.http.port).toBe(8080);
    expect(config.http.publicUrl).toBe('https://chat.example.cn');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'must be a whole number'],
    [{ PORT: '70000' }, 'PORT', 'between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'postgres://'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL', 'redis://'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET', 'at least 32'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY', 'true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', ''],
    [{ HTTP_BODY_LIMIT: 'huge' }, 'HTTP_BODY_LIMIT', 'size'],
    [{ DATABASE_SCHEMA: 'Robert"); DROP' }, 'DATABASE_SCHEMA', 'identifier'],
  ])('rejects %j with one line naming %s', (env, variable, fragment) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(fragment);
    expect(error.message).not.toContain('\n');
  });

  it('documents every setting', () => {
    for (const [name, spec] of Object.entries(SETTINGS)) {
      expect(spec.description.length).toBeGreaterThan(10);
      expect(name).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
  });
});
