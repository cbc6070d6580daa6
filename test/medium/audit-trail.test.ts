import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditAction, AuditSealer, verifyDatabaseChain, type AuditEntry } from '@enclave/audit';
import { createAuditTestContext, TEST_ACTOR, type AuditTestContext } from './support/audit-test-context.js';
import { superuserClient } from './support/test-database.js';

const entry = (i = 0): AuditEntry => ({
  action: AuditAction.UserUpdated,
  outcome: 'success',
  target: { type: 'user', id: `user-${i}` },
  before: { displayName: `before ${i}`, password: 'hunter2' },
  after: { displayName: `after ${i}` },
});

describe('audit trail on PostgreSQL', () => {
  let t: AuditTestContext;

  beforeAll(async () => {
    t = await createAuditTestContext();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('written in the caller’s transaction', () => {
    it('leaves no record when the transaction rolls back', async () => {
      const before = await t.count('audit_event');
      await expect(
        t.tx.run(async () => {
          await t.db.dataSource.query('SELECT 1'); // outside: must not matter
          await t.audit.record(TEST_ACTOR, entry());
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await t.count('audit_event')).toBe(before);
      expect(await t.count('audit_pending')).toBe(before);
    });

    it('keeps the record when the transaction commits, and it is visible only after the commit', async () => {
      const before = await t.count('audit_event');
      await t.tx.run(async () => {
        await t.audit.record(TEST_ACTOR, entry(1));
        // Another connection does not see it yet: it is part of this transaction.
        expect(await t.count('audit_event')).toBe(before);
      });
      expect(await t.count('audit_event')).toBe(before + 1);
      const [row] = await t.db.dataSource.query(`SELECT * FROM audit_event ORDER BY id DESC LIMIT 1`);
      expect(row).toMatchObject({
        action: 'user.updated',
        outcome: 'success',
        actor_user_id: 'user-1',
        actor_session_id: 'session-1',
        actor_ip: '198.51.100.4',
        actor_user_agent: 'jest',
        request_id: 'req-1',
        target_type: 'user',
        target_id: 'user-1',
        before: { displayName: 'before 1', password: '[REDACTED]' },
        after: { displayName: 'after 1' },
      });
    });

    it('recordOutside survives the rollback of the surrounding transaction (failures, denials)', async () => {
      const before = await t.count('audit_event');
      await expect(
        t.tx.run(async () => {
          await t.audit.record(TEST_ACTOR, entry(2));
          await t.audit.recordOutside(TEST_ACTOR, { action: AuditAction.AuthLoginFailed, outcome: 'failure', details: { reason: 'bad password' } });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await t.count('audit_event')).toBe(before + 1);
      const [row] = await t.db.dataSource.query(`SELECT action, outcome FROM audit_event ORDER BY id DESC LIMIT 1`);
      expect(row).toEqual({ action: 'auth.login.failed', outcome: 'failure' });
    });

    it('writes on its own when there is no ambient transaction', async () => {
      const before = await t.count('audit_event');
      await t.audit.record(TEST_ACTOR, entry(3));
      expect(await t.count('audit_event')).toBe(before + 1);
    });
  });

  describe('sealing', () => {
    it('links every committed event into one chain that verifies', async () => {
      await t.audit.sealNow();
      expect(await t.count('audit_pending')).toBe(0);
      expect(await t.count('audit_chain')).toBe(await t.count('audit_event'));
      const result = await verifyDatabaseChain(t.db.dataSource);
      expect(result).toMatchObject({ ok: true, headSeq: await t.count('audit_chain'), orphans: 0 });
    });

    it('keeps one unbroken chain with 16 concurrent writers and two competing sealers', async () => {
      const start = await t.count('audit_chain');
      const writers = 16;
      const perWriter = 200;
      const sealers = [new AuditSealer(t.db.dataSource, 250), new AuditSealer(t.db.dataSource, 1000)];
      let writing = true;
      // Two "processes" seal while the writers write: they must never fork or gap the chain.
      const sealing = sealers.map(async (sealer) => {
        while (writing) await sealer.sealOnce();
      });
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) {
            await t.tx.run(() => t.audit.record({ ...TEST_ACTOR, userId: `writer-${w}` }, entry(i)));
          }
        }),
      );
      writing = false;
      await Promise.all(sealing);
      await sealers[0].sealAll();
      expect(await t.count('audit_chain')).toBe(start + writers * perWriter);
      const result = await verifyDatabaseChain(t.db.dataSource, { batchSize: 333 });
      expect(result.ok).toBe(true);
      expect(result.count).toBe(start + writers * perWriter);
      const [gaps] = await t.db.dataSource.query(`SELECT count(*)::int AS n, min(seq)::int AS lo, max(seq)::int AS hi FROM audit_chain`);
      expect(gaps).toEqual({ n: result.count, lo: 1, hi: result.count });
    });

    it('the background sealer seals shortly after commit, and what is left at shutdown', async () => {
      const live = await createAuditTestContext({ runSealer: true, sealIntervalMs: 50 });
      try {
        await live.tx.run(() => live.audit.record(TEST_ACTOR, entry()));
        const deadline = Date.now() + 5000;
        while ((await live.count('audit_chain')) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(await live.count('audit_chain')).toBe(1);
        // And on shutdown it seals what is left.
        await live.audit.record(TEST_ACTOR, entry());
        await live.app.close();
        const su = await superuserClient(live.db.name);
        try {
          const { rows } = await su.query(`SELECT (SELECT count(*) FROM audit_chain)::int AS links, (SELECT count(*) FROM audit_pending)::int AS pending`);
          expect(rows[0]).toEqual({ links: 2, pending: 0 });
        } finally {
          await su.end();
        }
      } finally {
        await live.db.drop();
      }
    });
  });

  describe('append-only', () => {
    it.each([
      ['UPDATE audit_event', `UPDATE audit_event SET outcome = 'failure'`],
      ['UPDATE audit_event matching no row', `UPDATE audit_event SET outcome = 'failure' WHERE id = -1`],
      ['DELETE FROM audit_event', `DELETE FROM audit_event`],
      ['TRUNCATE audit_event', `TRUNCATE audit_event CASCADE`],
      ['UPDATE audit_chain', `UPDATE audit_chain SET hash = repeat('a', 64) WHERE seq = 1`],
      ['DELETE FROM audit_chain', `DELETE FROM audit_chain WHERE seq = 2`],
      ['TRUNCATE audit_chain', `TRUNCATE audit_chain`],
    ])('rejects %s', async (_name, sql) => {
      await expect(t.db.dataSource.query(sql)).rejects.toThrow(/append-only/);
    });

    it('rejects a link that does not extend the head', async () => {
      const [{ id }] = await t.db.dataSource.query(`INSERT INTO audit_event (occurred_at, action, outcome) VALUES (now(), 'user.updated', 'success') RETURNING id`);
      const head = await t.count('audit_chain');
      await expect(
        t.db.dataSource.query(`INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES ($1, $2, repeat('0', 64), repeat('1', 64))`, [head + 2, id]),
      ).rejects.toThrow(/gap/);
      await expect(
        t.db.dataSource.query(`INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES ($1, $2, repeat('0', 64), repeat('1', 64))`, [head + 1, id]),
      ).rejects.toThrow(/does not link/);
    });
  });

  describe('tampering by a superuser', () => {
    it('a changed field makes verify fail naming that seq', async () => {
      const su = await superuserClient(t.db.name);
      try {
        await su.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await su.query(`UPDATE audit_event SET outcome = 'success', details = '{"note":"nothing happened"}' WHERE id = (SELECT event_id FROM audit_chain WHERE seq = 7)`);
        await su.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      } finally {
        await su.end();
      }
      const result = await verifyDatabaseChain(t.db.dataSource, { batchSize: 5 });
      expect(result.ok).toBe(false);
      expect(result.problem).toMatchObject({ seq: 7, reason: expect.stringContaining('does not match its hash') });
      expect(result.count).toBe(6);
    });
  });
});

// Each test breaks the chain at a lower seq than the one before, so each sees its own break first.
describe('tampering with the chain itself', () => {
  let t: AuditTestContext;

  beforeAll(async () => {
    t = await createAuditTestContext();
    for (let i = 0; i < 20; i++) await t.audit.record(TEST_ACTOR, entry(i));
    await t.audit.sealNow();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a deleted link (triggers bypassed with session_replication_role) is named as missing', async () => {
    const su = await superuserClient(t.db.name);
    try {
      await su.query(`SET session_replication_role = replica`);
      await su.query(`DELETE FROM audit_chain WHERE seq = 12`);
    } finally {
      await su.end();
    }
    const result = await verifyDatabaseChain(t.db.dataSource);
    expect(result.problem).toMatchObject({ seq: 12, reason: expect.stringContaining('missing') });
  });

  it('a replaced hash is named', async () => {
    const su = await superuserClient(t.db.name);
    try {
      await su.query(`SET session_replication_role = replica`);
      await su.query(`UPDATE audit_chain SET hash = repeat('b', 64) WHERE seq = 3`);
    } finally {
      await su.end();
    }
    const result = await verifyDatabaseChain(t.db.dataSource);
    expect(result.problem?.seq).toBe(3);
  });

  it('a deleted event (its link left behind) is named', async () => {
    const su = await superuserClient(t.db.name);
    try {
      await su.query(`SET session_replication_role = replica`);
      await su.query(`DELETE FROM audit_event WHERE id = (SELECT event_id FROM audit_chain WHERE seq = 2)`);
    } finally {
      await su.end();
    }
    const result = await verifyDatabaseChain(t.db.dataSource);
    expect(result.problem).toMatchObject({ seq: 2, reason: expect.stringContaining('is missing from audit_event') });
  });
});
