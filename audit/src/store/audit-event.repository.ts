import type { Queryable } from '@enclave/database';
import { canonicalJson } from '../record/canonical-json.js';
import type { AuditEventInsert } from '../service/audit-entry.js';

/**
 * The writers' side: one statement appends the event and queues it for sealing. No lock and
 * no read of the chain head, so concurrent writers never wait for each other and PostgreSQL's
 * group commit can batch their fsyncs.
 */
export class AuditEventRepository {
  async append(q: Queryable, event: AuditEventInsert): Promise<void> {
    await q.query(
      `WITH inserted AS (
         INSERT INTO audit_event (occurred_at, actor_user_id, actor_session_id, actor_ip, actor_user_agent, actor_system,
                                  action, target_type, target_id, outcome, before, after, details, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14)
         RETURNING id)
       INSERT INTO audit_pending (event_id) SELECT id FROM inserted`,
      [
        event.occurredAt,
        event.actorUserId,
        event.actorSessionId,
        event.actorIp,
        event.actorUserAgent,
        event.actorSystem,
        event.action,
        event.targetType,
        event.targetId,
        event.outcome,
        json(event.before),
        json(event.after),
        json(event.details),
        event.requestId,
      ],
    );
  }
}

function json(value: unknown): string | null {
  return value === null ? null : canonicalJson(value);
}
