import { HttpException, Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { type Actor, AppException, CommonErrorCode, actorFromRequest, type EnclaveRequest } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import type { AuditOutcome } from '../record/audit-record.js';
import { AuditService } from '../service/audit.service.js';
import { AuditContext } from './audit-context.js';
import { AuditDraft } from './audit-draft.js';
import { AUDITED_METADATA, type AuditedMetadata } from './audited.metadata.js';

/**
 * Mattermost's "audit starts as failure", as an interceptor: the handler runs inside a
 * transaction and the success record is written in that same transaction, so a change is
 * never committed without its record. When the handler throws, the transaction has rolled
 * back; the failure (or denial) is recorded on its own and the error goes on to the filter.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AuditInterceptor');

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuditContext) private readonly context: AuditContext,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const meta = this.reflector.get<AuditedMetadata | undefined>(AUDITED_METADATA, ctx.getHandler());
    if (!meta) return next.handle();
    // Skipping the record silently would be worse than refusing to run.
    if (ctx.getType() !== 'http') throw new Error(`@Audited supports HTTP handlers only (${ctx.getClass().name}.${ctx.getHandler().name})`);
    const req = ctx.switchToHttp().getRequest<EnclaveRequest>();
    return from(this.run(meta, req, next));
  }

  private async run(meta: AuditedMetadata, req: EnclaveRequest, next: CallHandler<unknown>): Promise<unknown> {
    const draft = new AuditDraft(initialTarget(meta, req));
    try {
      // Subscribing inside both scopes makes the handler's queries join the transaction and
      // its AuditContext calls fill this draft.
      return await this.tx.run(() =>
        this.context.run(draft, async () => {
          const response: unknown = await lastValueFrom<unknown, undefined>(next.handle(), { defaultValue: undefined });
          if (meta.targetIdFromResponse && draft.target && !draft.target.id) {
            draft.target = { ...draft.target, id: targetIdFrom(meta.targetIdFromResponse, response) };
          }
          await this.audit.record(actorOf(req, draft), {
            action: meta.action,
            outcome: 'success',
            target: draft.target,
            before: draft.before,
            after: draft.after,
            details: Object.keys(draft.details).length > 0 ? draft.details : undefined,
          });
          return response;
        }),
      );
    } catch (error) {
      await this.recordFailure(meta, req, draft, error);
      throw error;
    }
  }

  private async recordFailure(meta: AuditedMetadata, req: EnclaveRequest, draft: AuditDraft, error: unknown): Promise<void> {
    const { outcome, code, status } = classify(error);
    try {
      await this.audit.recordOutside(actorOf(req, draft), {
        action: meta.failureAction ?? meta.action,
        outcome,
        target: draft.target,
        // What was attempted against what was there; `after` never happened.
        before: draft.before,
        details: { ...draft.details, error: { code, status } },
      });
    } catch (auditError) {
      // The client still gets the original error; the lost record is an operational alarm.
      this.logger.error({ err: auditError, action: meta.action, requestId: req.id }, 'could not write the failure audit record');
    }
  }
}

function initialTarget(meta: AuditedMetadata, req: EnclaveRequest): AuditDraft['target'] {
  if (!meta.target) return undefined;
  const params = req.params as Record<string, string | undefined> | undefined;
  const id = meta.targetIdParam ? params?.[meta.targetIdParam] : undefined;
  return { type: meta.target, id };
}

function targetIdFrom(source: NonNullable<AuditedMetadata['targetIdFromResponse']>, response: unknown): string | undefined {
  if (typeof source === 'function') return source(response) ?? undefined;
  if (response === null || typeof response !== 'object') return undefined;
  const value = (response as Record<string, unknown>)[source];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function actorOf(req: EnclaveRequest, draft: AuditDraft): Actor {
  const actor = actorFromRequest(req);
  return { ...actor, userId: draft.actor.userId ?? actor.userId, sessionId: draft.actor.sessionId ?? actor.sessionId };
}

/** 401 and 403 are denials; everything else that throws is a failure. */
function classify(error: unknown): { outcome: AuditOutcome; code: string; status: number } {
  let status = 500;
  let code: string = CommonErrorCode.Internal;
  if (error instanceof AppException) {
    status = error.status;
    code = error.code;
  } else if (error instanceof HttpException) {
    status = error.getStatus();
    code = status === 401 ? CommonErrorCode.Unauthenticated : status === 403 ? CommonErrorCode.Forbidden : `HTTP_${status}`;
  }
  return { outcome: status === 401 || status === 403 ? 'denied' : 'failure', code, status };
}
