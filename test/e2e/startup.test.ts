import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestEnvironment, runServerToExit, startServer, type StartedServer } from './support/server-process.js';
import { api } from './support/http-client.js';

describe('start-up failures are one clear line', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await TestEnvironment.create('embedded');
  });
  afterAll(async () => env.dispose());

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://127.0.0.1/x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ LOGIN_MAX_FAILURES: '0' }, 'LOGIN_MAX_FAILURES'],
  ])('bad %j stops start-up naming %s', async (overrides, variable) => {
    const result = await runServerToExit(env.serverEnv(overrides));
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });

  it('an unreachable Redis stops start-up with advice', async () => {
    const result = await runServerToExit(env.serverEnv({ REDIS_URL: 'redis://127.0.0.1:1' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Redis is not reachable at redis://127.0.0.1:1');
    expect(result.stderr).toContain('redis-server');
  });

  it('an unreachable PostgreSQL stops start-up naming DATABASE_URL without its password', async () => {
    const result = await runServerToExit(env.serverEnv({ DATABASE_URL: 'postgres://enclave:hunter2-secret@127.0.0.1:1/enclave' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).not.toContain('hunter2-secret');
  });
});

describe.each(['embedded', 'postgres'] as const)('HTTP edge (%s database)', (mode) => {
  let env: TestEnvironment;
  let server: StartedServer;

  beforeAll(async () => {
    env = await TestEnvironment.create(mode);
    server = await startServer(env.serverEnv({ HTTP_BODY_LIMIT: '64kb' }));
  });
  afterAll(async () => {
    await server?.stop();
    await env.dispose();
  });

  it('is live and ready, with database and Redis checks', async () => {
    expect((await api(server.url, 'GET', '/health/live')).status).toBe(200);
    const ready = await api<{ status: string; checks: Record<string, { status: string }> }>(server.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database.status).toBe('up');
    expect(ready.body.checks.redis.status).toBe('up');
  });

  it('serves Prometheus metrics with an HTTP latency histogram by route and status', async () => {
    await api(server.url, 'GET', '/health/live');
    const res = await api(server.url, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(/enclave_http_request_duration_seconds_bucket\{[^}]*route="\/health\/live"[^}]*status_code="200"/);
    expect(res.text).toContain('enclave_process_resident_memory_bytes');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await api<{ openapi: string; paths: Record<string, unknown> }>(server.url, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const ui = await api(server.url, 'GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and a request id header', async () => {
    const res = await api<{ error: { code: string; requestId: string } }>(server.url, 'POST', '/api/v1/auth/login', { rawBody: '{"username": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers an oversize body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await api<{ error: { code: string } }>(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'a', password: 'x'.repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes with 404 ROUTE_NOT_FOUND', async () => {
    const res = await api<{ error: { code: string } }>(server.url, 'GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('echoes a well-formed incoming X-Request-Id', async () => {
    const res = await api(server.url, 'GET', '/health/live', { headers: { 'x-request-id': 'proxy-req-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-req-12345678');
  });
});
