import type { AuditRecord, UnsealedAuditRecord } from '../record/audit-record.js';
import { GENESIS_HASH, sealRecord } from '../record/record-hash.js';

/** A sealed chain of `count` varied records starting at `firstSeq`, for unit tests. */
export function makeChain(count: number, options: { firstSeq?: number; prevHash?: string } = {}): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prevHash = options.prevHash ?? GENESIS_HASH;
  const firstSeq = options.firstSeq ?? 1;
  for (let i = 0; i < count; i++) {
    const seq = firstSeq + i;
    const record = sealRecord(sampleRecord(seq), prevHash);
    records.push(record);
    prevHash = record.hash;
  }
  return records;
}

export function sampleRecord(seq: number): Omit<UnsealedAuditRecord, 'prevHash'> {
  return {
    seq,
    time: new Date(Date.UTC(2026, 10, 1, 12, 0, seq)).toISOString(),
    actor: { userId: `user-${seq % 3}`, sessionId: seq % 2 ? `session-${seq}` : null, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; "quoted", comma)', system: false },
    action: seq % 2 ? 'user.updated' : 'auth.login.failed',
    target: { type: 'user', id: `user-${seq}` },
    outcome: seq % 5 === 0 ? 'denied' : 'success',
    before: { displayName: 'Zhang Wei 张伟', tags: ['a', 'b'], nested: { n: 1.5, flag: true, none: null } },
    after: seq % 4 === 0 ? null : { displayName: 'Line one\nline "two", done', emoji: '🎉', empty: '' },
    details: { reason: seq % 2 ? 'profile edit' : 'bad password' },
    requestId: `req-${seq}`,
  };
}
