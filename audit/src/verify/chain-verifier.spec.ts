import { describe, expect, it } from '@jest/globals';
import { ChainVerifier } from './chain-verifier.js';
import { computeRecordHash } from '../record/record-hash.js';
import { makeChain } from '../testing/records.fixture.js';

function verify(records: ReturnType<typeof makeChain>, options: ConstructorParameters<typeof ChainVerifier>[0] = { firstSeq: 1 }) {
  const verifier = new ChainVerifier(options);
  for (const r of records) if (verifier.push(r)) break;
  return verifier;
}

describe('ChainVerifier', () => {
  it('accepts an intact chain', () => {
    const v = verify(makeChain(20));
    expect(v.problem).toBeUndefined();
    expect(v.count).toBe(20);
    expect(v.last?.seq).toBe(20);
  });

  it('names an altered record', () => {
    const chain = makeChain(10);
    chain[4] = { ...chain[4], outcome: 'failure' };
    expect(verify(chain).problem).toMatchObject({ seq: 5, reason: expect.stringContaining('does not match its hash') });
  });

  it('names a record whose hash was recomputed by the tamperer at the next link', () => {
    const chain = makeChain(10);
    const altered = { ...chain[4], details: { reason: 'nothing to see' } };
    // A tamperer who rehashes the record still breaks the next record's prevHash.
    chain[4] = { ...altered, hash: computeRecordHash(altered) };
    expect(verify(chain).problem).toMatchObject({ seq: 6, reason: expect.stringContaining('hash of seq 5') });
  });

  it('names a missing record', () => {
    const chain = makeChain(10);
    chain.splice(3, 1);
    expect(verify(chain).problem).toMatchObject({ seq: 4, reason: expect.stringContaining('missing') });
  });

  it('requires seq 1 to link to genesis', () => {
    const chain = makeChain(3, { prevHash: 'b'.repeat(64) });
    expect(verify(chain).problem).toMatchObject({ seq: 1, reason: expect.stringContaining('genesis') });
  });

  it('checks a mid-chain segment against the hash before it', () => {
    const whole = makeChain(10);
    const segment = whole.slice(4);
    expect(verify(segment, { firstSeq: 5, prevHashOfFirst: whole[3].hash }).problem).toBeUndefined();
    expect(verify(segment, { firstSeq: 5, prevHashOfFirst: whole[2].hash }).problem).toMatchObject({ seq: 5 });
    expect(verify(segment, { firstSeq: 4, prevHashOfFirst: whole[3].hash }).problem).toMatchObject({ seq: 4 });
  });

  it('keeps the first problem only', () => {
    const chain = makeChain(10);
    chain[2] = { ...chain[2], action: 'user.created' };
    chain[7] = { ...chain[7], action: 'user.created' };
    const v = verify(chain);
    v.fail({ seq: 9, reason: 'later' });
    expect(v.problem?.seq).toBe(3);
  });
});
