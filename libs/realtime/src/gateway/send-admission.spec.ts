import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@enclave/core';
import { SendAdmission } from './send-admission.js';

describe('SendAdmission', () => {
  const admission = () => new SendAdmission(loadConfig({ REALTIME_MAX_IN_FLIGHT: '8' }));

  it('admits up to its bound, then refuses at once with SERVICE_UNAVAILABLE and a retry hint', async () => {
    const gate = admission();
    const releases: Array<() => void> = [];
    const running = Array.from({ length: gate.limit }, () => gate.run(() => new Promise<void>((r) => releases.push(r))));
    expect(gate.inFlight).toBe(gate.limit);
    await expect(gate.run(() => Promise.resolve('late'))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, details: { retryAfterMs: 250 } });
    releases.forEach((r) => r());
    await Promise.all(running);
    expect(gate.inFlight).toBe(0);
    await expect(gate.run(() => Promise.resolve('after'))).resolves.toBe('after');
  });

  it('takes its bound from REALTIME_MAX_IN_FLIGHT, by default 16 per database connection (at least 64)', () => {
    expect(admission().limit).toBe(8);
    expect(new SendAdmission(loadConfig({ DATABASE_POOL_SIZE: '10' })).limit).toBe(160);
    expect(new SendAdmission(loadConfig({ DATABASE_POOL_SIZE: '2' })).limit).toBe(64);
  });

  it('releases a slot when the work fails', async () => {
    const gate = admission();
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.inFlight).toBe(0);
  });
});
