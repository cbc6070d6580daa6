/**
 * What a handler learns while it runs and wants in its audit record: the target it resolved,
 * the state before and after, extra details, or who the actor turned out to be (a login only
 * knows its user once the password checks out). Filled through `AuditContext`.
 */
export class AuditDraft {
  target: { type: string; id?: string | null | undefined } | undefined;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> = {};
  actor: { userId?: string; sessionId?: string } = {};

  constructor(target?: { type: string; id?: string | null | undefined }) {
    this.target = target;
  }
}
