import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (see audit/README.md): writers append `audit_event` rows plus an
 * `audit_pending` queue entry in their own transaction; a sealer later assigns the gap-free
 * `seq` and the hash link in `audit_chain`. Events and links are append-only: triggers reject
 * UPDATE, DELETE and TRUNCATE, and an insert trigger refuses any link that does not follow
 * the one before it, so even a buggy sealer cannot fork or gap the chain.
 */
export class Audit1764000001000 implements MigrationInterface {
  name = 'Audit1764000001000';

  async up(q: QueryRunner): Promise<void> {
    // Sizes mirror the limits AuditService applies (with head-room for JSON), so a bug in the
    // service cannot store unbounded data.
    await q.query(`
      CREATE TABLE audit_event (
        id                bigserial PRIMARY KEY,
        occurred_at       timestamptz NOT NULL,
        actor_user_id     text CHECK (length(actor_user_id) <= 128),
        actor_session_id  text CHECK (length(actor_session_id) <= 128),
        actor_ip          text CHECK (length(actor_ip) <= 64),
        actor_user_agent  text CHECK (length(actor_user_agent) <= 512),
        actor_system      boolean NOT NULL DEFAULT false,
        action            text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$' AND length(action) <= 96),
        target_type       text CHECK (length(target_type) <= 64),
        target_id         text CHECK (length(target_id) <= 256),
        outcome           text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        before            jsonb CHECK (pg_column_size(before) <= 65536),
        after             jsonb CHECK (pg_column_size(after) <= 65536),
        details           jsonb CHECK (pg_column_size(details) <= 65536),
        request_id        text CHECK (length(request_id) <= 128)
      )`);
    // Exports select by time. Rows arrive in (nearly) time order, so a BRIN index serves those
    // range scans at a fraction of a B-tree's cost on every insert.
    await q.query(`CREATE INDEX audit_event_occurred_at_idx ON audit_event USING brin (occurred_at)`);

    // A queue, not history: rows live for one seal interval. Vacuum it eagerly so the sealer's
    // index scan does not wade through dead tuples under a sustained write load. No foreign
    // key: the row is inserted by the same statement as its event, and the FK check (a locking
    // lookup per audited write) cost ~10% of write throughput.
    await q.query(`
      CREATE TABLE audit_pending (
        event_id  bigint PRIMARY KEY
      ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`);

    // event_id has no foreign key on purpose: the check locks each event row (FOR KEY SHARE,
    // a WAL-logged tuple update per sealed record). Events cannot be deleted (trigger below),
    // and `verify` checks that every link's event exists.
    await q.query(`
      CREATE TABLE audit_chain (
        seq        bigint PRIMARY KEY CHECK (seq >= 1),
        event_id   bigint NOT NULL UNIQUE,
        prev_hash  text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash       text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        sealed_at  timestamptz NOT NULL DEFAULT now()
      )`);

    // Statement-level, so even an UPDATE or DELETE matching no rows is refused: nobody should
    // be issuing them at all. Only a superuser disabling the trigger gets past, and the hash
    // chain makes that visible to `npm run audit -- verify`.
    await q.query(`
      CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['audit_event', 'audit_chain']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()`);
    }

    // Checked once per INSERT statement (the sealer inserts a batch in one) against the rows it
    // added: each must follow the link before it, so the chain cannot fork or gap. search_path
    // is pinned to the migration's schema because trigger functions otherwise resolve names
    // with the caller's path.
    await q.query(`
      CREATE FUNCTION audit_chain_check_links() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $$
      DECLARE bad record;
      BEGIN
        SELECT n.seq, n.prev_hash, p.hash AS previous INTO bad
        FROM new_links n LEFT JOIN audit_chain p ON p.seq = n.seq - 1
        WHERE CASE WHEN n.seq = 1 THEN n.prev_hash <> repeat('0', 64) ELSE p.hash IS DISTINCT FROM n.prev_hash END
        ORDER BY n.seq LIMIT 1;
        IF NOT FOUND THEN
          RETURN NULL;
        ELSIF bad.seq = 1 THEN
          RAISE EXCEPTION 'audit chain: seq 1 must link to the genesis hash';
        ELSIF bad.previous IS NULL THEN
          RAISE EXCEPTION 'audit chain: seq % would leave a gap (seq % is missing)', bad.seq, bad.seq - 1;
        ELSE
          RAISE EXCEPTION 'audit chain: seq % does not link to the hash of seq %', bad.seq, bad.seq - 1;
        END IF;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_link AFTER INSERT ON audit_chain
      REFERENCING NEW TABLE AS new_links
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_check_links()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain`);
    await q.query(`DROP TABLE audit_pending`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_chain_check_links()`);
    await q.query(`DROP FUNCTION audit_reject_change()`);
  }
}
