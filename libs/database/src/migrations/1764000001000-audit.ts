import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (see audit/README.md): writers append `audit_event` rows plus an
 * `audit_pending` queue entry in their own transaction; a sealer later assigns the gap-free
 * `seq` and the hash link in `audit_chain`. Events and links are append-only: triggers reject
 * UPDATE, DELETE and TRUNCATE, and an insert trigger refuses any link that does not extend
 * the current head, so even a buggy sealer cannot fork or gap the chain.
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
        before            jsonb CHECK (octet_length(before::text) <= 65536),
        after             jsonb CHECK (octet_length(after::text) <= 65536),
        details           jsonb CHECK (octet_length(details::text) <= 65536),
        request_id        text CHECK (length(request_id) <= 128)
      )`);
    await q.query(`CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at)`);

    // A queue, not history: rows live for one seal interval. Vacuum it eagerly so the sealer's
    // index scan does not wade through dead tuples under a sustained write load.
    await q.query(`
      CREATE TABLE audit_pending (
        event_id  bigint PRIMARY KEY REFERENCES audit_event (id)
      ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`);

    await q.query(`
      CREATE TABLE audit_chain (
        seq        bigint PRIMARY KEY CHECK (seq >= 1),
        event_id   bigint NOT NULL UNIQUE REFERENCES audit_event (id),
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

    // Row-level BEFORE triggers see rows inserted earlier by the same statement, so a batch
    // insert is checked link by link. search_path is pinned to the migration's schema because
    // trigger functions otherwise resolve names with the caller's path.
    await q.query(`
      CREATE FUNCTION audit_chain_check_link() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $$
      DECLARE previous text;
      BEGIN
        IF NEW.seq = 1 THEN
          IF NEW.prev_hash <> repeat('0', 64) THEN
            RAISE EXCEPTION 'audit chain: seq 1 must link to the genesis hash';
          END IF;
          RETURN NEW;
        END IF;
        SELECT hash INTO previous FROM audit_chain WHERE seq = NEW.seq - 1;
        IF previous IS NULL THEN
          RAISE EXCEPTION 'audit chain: seq % would leave a gap (seq % is missing)', NEW.seq, NEW.seq - 1;
        END IF;
        IF previous <> NEW.prev_hash THEN
          RAISE EXCEPTION 'audit chain: seq % does not link to the hash of seq %', NEW.seq, NEW.seq - 1;
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_link BEFORE INSERT ON audit_chain
      FOR EACH ROW EXECUTE FUNCTION audit_chain_check_link()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain`);
    await q.query(`DROP TABLE audit_pending`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_chain_check_link()`);
    await q.query(`DROP FUNCTION audit_reject_change()`);
  }
}
