import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, computeRecordHash, sealRecord } from './record-hash.js';
import { canonicalJson } from './canonical-json.js';
import { makeChain, sampleRecord } from '../testing/records.fixture.js';

describe('record hash', () => {
  it('genesis is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is SHA-256 over the canonical JSON of every field but hash, prevHash and seq included', () => {
    const record = sealRecord(sampleRecord(7), GENESIS_HASH);
    const { hash, ...content } = record;
    expect(hash).toBe(createHash('sha256').update(canonicalJson(content)).digest('hex'));
    expect(canonicalJson(content)).toContain(`"prevHash":"${GENESIS_HASH}"`);
    expect(canonicalJson(content)).toContain('"seq":7');
  });

  it('matches a fixed vector (the format must never drift)', () => {
    const record = sealRecord(
      {
        seq: 1,
        time: '2026-11-01T00:00:00.000Z',
        actor: { userId: 'u1', sessionId: null, ip: '127.0.0.1', userAgent: null, system: false },
        action: 'auth.login.succeeded',
        target: { type: 'user', id: 'u1' },
        outcome: 'success',
        before: null,
        after: null,
        details: null,
        requestId: 'r1',
      },
      GENESIS_HASH,
    );
    const expected =
      '{"action":"auth.login.succeeded","actor":{"ip":"127.0.0.1","sessionId":null,"system":false,"userAgent":null,"userId":"u1"},' +
      '"after":null,"before":null,"details":null,"outcome":"success","prevHash":"0000000000000000000000000000000000000000000000000000000000000000",' +
      '"requestId":"r1","seq":1,"target":{"id":"u1","type":"user"},"time":"2026-11-01T00:00:00.000Z"}';
    expect(record.hash).toBe(createHash('sha256').update(expected).digest('hex'));
  });

  it('ignores the stored hash when recomputing', () => {
    const [record] = makeChain(1);
    expect(computeRecordHash({ ...record, hash: 'f'.repeat(64) })).toBe(record.hash);
  });

  it.each([
    ['seq', { seq: 8 }],
    ['prevHash', { prevHash: 'a'.repeat(64) }],
    ['time', { time: '2026-11-01T12:00:07.001Z' }],
    ['a nested before value', { before: { displayName: 'Zhang Wei 张伟', tags: ['a', 'B'], nested: { n: 1.5, flag: true, none: null } } }],
    ['the actor', { actor: { userId: 'user-1', sessionId: 'session-7', ip: '203.0.113.8', userAgent: null, system: false } }],
    ['the outcome', { outcome: 'failure' as const }],
  ])('changes when %s changes', (_what, change) => {
    const record = sealRecord(sampleRecord(7), GENESIS_HASH);
    expect(computeRecordHash({ ...record, ...change })).not.toBe(record.hash);
  });
});
