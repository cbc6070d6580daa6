import { decodeCursor, encodeCursor, isUuid, parseTimeCursor } from '@enclave/core';
import { HISTORY_DEFAULT_LIMIT, HISTORY_MAX_LIMIT, PAGE_DEFAULT_LIMIT, PAGE_MAX_LIMIT } from '@enclave/contracts';
import { MessagingException } from '../errors/messaging.exception.js';

/** A (time, id) cursor from core's `encodeTimeCursor`; a bad one is INVALID_CURSOR. */
export function decodeTimeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const parsed = parseTimeCursor(cursor);
  if (!parsed) throw MessagingException.invalidCursor();
  return parsed;
}

/** (key, id) keyset cursors for lists sorted by a text key (channel names, user ids). */
export function encodeKeyCursor(key: string, id: string): string {
  return encodeCursor({ k: key, id });
}

export function decodeKeyCursor(cursor: string | undefined): { key: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const value = decodeCursor(cursor);
  if (!value || typeof value.k !== 'string' || value.k.length > 512 || value.k.includes('\u0000') || !isUuid(value.id)) throw MessagingException.invalidCursor();
  return { key: value.k, id: value.id };
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return PAGE_DEFAULT_LIMIT;
  return Math.min(Math.max(1, Math.trunc(limit)), PAGE_MAX_LIMIT);
}

/** Page size of message history and thread replies: the default when absent, else 1..HISTORY_MAX_LIMIT. */
export function historyLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.trunc(limit ?? HISTORY_DEFAULT_LIMIT)), HISTORY_MAX_LIMIT);
}
