import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { AuditDraft } from './audit-draft.js';

const storage = new AsyncLocalStorage<AuditDraft>();

/**
 * The audit record being prepared for the current `@Audited` request. Services inject this
 * and describe what they did (`setBefore`, `setAfter`, `setTarget`) instead of writing audit
 * records themselves; the interceptor writes the one record with the outcome it observes.
 * Outside an audited request every method is a no-op, so the same service code runs from
 * jobs and CLIs (which call `AuditService.record` directly when they need a record).
 */
@Injectable()
export class AuditContext {
  /** Runs `work` with `draft` as the current request's audit record. */
  run<T>(draft: AuditDraft, work: () => T): T {
    return storage.run(draft, work);
  }

  current(): AuditDraft | undefined {
    return storage.getStore();
  }

  isActive(): boolean {
    return storage.getStore() !== undefined;
  }

  setTarget(type: string, id?: string | null): void {
    const draft = storage.getStore();
    if (draft) draft.target = { type, id };
  }

  /** Keeps the first value: "before" is the state before the whole request. */
  setBefore(state: unknown): void {
    const draft = storage.getStore();
    if (draft && draft.before === undefined) draft.before = state;
  }

  setAfter(state: unknown): void {
    const draft = storage.getStore();
    if (draft) draft.after = state;
  }

  addDetails(details: Readonly<Record<string, unknown>>): void {
    const draft = storage.getStore();
    if (draft) Object.assign(draft.details, details);
  }

  /** The request acted as this user (e.g. the login that just authenticated them). */
  identifyActor(userId: string, sessionId?: string): void {
    const draft = storage.getStore();
    if (draft) draft.actor = { userId, ...(sessionId === undefined ? {} : { sessionId }) };
  }
}
