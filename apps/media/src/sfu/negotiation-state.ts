import { MediaErrorCode } from '@enclave/contracts';
import { MediaError } from './media-error.js';

/**
 * The offer/answer bookkeeping of one participant's peer connection. The SFU offers, the client
 * answers; at most one offer is outstanding, so a change that arrives while the client is still
 * answering waits (`wanted`) and becomes the next offer once the answer is in. Revisions only
 * grow, so an answer to anything but the outstanding offer is stale.
 */
export class NegotiationState {
  private lastRevision = 0;
  private outstanding: number | undefined;
  private wanted = false;

  get revision(): number {
    return this.lastRevision;
  }

  /** True while an offer waits for its answer. */
  get awaitingAnswer(): boolean {
    return this.outstanding !== undefined;
  }

  /** A change needs a new offer: true when it may be made now, false when it is queued behind the outstanding one. */
  request(): boolean {
    if (this.outstanding !== undefined) {
      this.wanted = true;
      return false;
    }
    return true;
  }

  /** An offer was made: returns its revision, now outstanding. */
  begin(): number {
    this.lastRevision += 1;
    this.outstanding = this.lastRevision;
    this.wanted = false;
    return this.lastRevision;
  }

  /** Throws `StaleRevision` unless `revision` is the outstanding offer's. */
  check(revision: number): void {
    if (this.outstanding === undefined || revision !== this.outstanding) {
      const expected = this.outstanding === undefined ? 'no offer is outstanding' : `the outstanding offer is revision ${this.outstanding}`;
      throw new MediaError(MediaErrorCode.StaleRevision, `Answer to revision ${revision} is stale: ${expected}`);
    }
  }

  /** The outstanding offer's answer was applied. Returns true when a queued change needs the next offer now. */
  complete(): boolean {
    this.outstanding = undefined;
    const next = this.wanted;
    this.wanted = false;
    return next;
  }
}
