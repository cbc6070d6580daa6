import { describe, expect, it } from '@jest/globals';
import { MediaErrorCode } from '@enclave/contracts';
import { NegotiationState } from './negotiation-state.js';

describe('NegotiationState', () => {
  it('numbers offers from 1 and accepts only the outstanding revision', () => {
    const state = new NegotiationState();
    expect(state.request()).toBe(true);
    expect(state.begin()).toBe(1);
    expect(() => state.check(2)).toThrow(expect.objectContaining({ code: MediaErrorCode.StaleRevision }));
    expect(() => state.check(0)).toThrow(expect.objectContaining({ code: MediaErrorCode.StaleRevision }));
    state.check(1);
    expect(state.complete()).toBe(false);
    expect(state.awaitingAnswer).toBe(false);
  });

  it('rejects any answer when no offer is outstanding, including a replay of the last one', () => {
    const state = new NegotiationState();
    expect(() => state.check(1)).toThrow(expect.objectContaining({ code: MediaErrorCode.StaleRevision }));
    state.begin();
    state.complete();
    expect(() => state.check(1)).toThrow(expect.objectContaining({ code: MediaErrorCode.StaleRevision }));
  });

  it('queues changes behind the outstanding offer and coalesces them into one next offer', () => {
    const state = new NegotiationState();
    state.begin();
    expect(state.request()).toBe(false);
    expect(state.request()).toBe(false);
    state.check(1);
    expect(state.complete()).toBe(true);
    expect(state.begin()).toBe(2);
    state.check(2);
    expect(state.complete()).toBe(false);
    expect(state.revision).toBe(2);
  });

  it('keeps the offer outstanding when an answer fails to apply, so the client can answer again', () => {
    const state = new NegotiationState();
    state.begin();
    state.check(1); // the answer's SDP then turns out to be invalid: complete() is not called
    expect(state.awaitingAnswer).toBe(true);
    state.check(1);
  });
});
