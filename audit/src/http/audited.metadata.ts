import type { AuditAction } from '../catalogue/audit-action.js';

export interface AuditedOptions {
  /** Target type, e.g. `user`. */
  readonly target?: string;
  /** Route parameter holding the target id, e.g. `id` for `/users/:id`. */
  readonly targetIdParam?: string;
  /**
   * Where a created resource's id is: a property of the response (`'id'`) or a function of it.
   * Used only on success, and only when neither the param nor the handler set an id.
   */
  readonly targetIdFromResponse?: string | ((response: unknown) => string | null | undefined);
  /**
   * The action to record when the handler fails or is denied, when that deserves its own
   * name, e.g. `@Audited(AuditAction.AuthLoginSucceeded, { failureAction: AuditAction.AuthLoginFailed })`.
   */
  readonly failureAction?: AuditAction;
}

export interface AuditedMetadata extends AuditedOptions {
  readonly action: AuditAction;
}

export const AUDITED_METADATA = 'enclave:audited';
