import { decodeCursor, encodeCursor } from '@enclave/core';
import { ADMIN_PAGE_DEFAULT_LIMIT, ADMIN_PAGE_MAX_LIMIT } from '@enclave/contracts';
import { AdminException } from '../errors/admin.exception.js';

/** Opaque `{ k }` cursors for admin lists ordered by one unique text key (username, group name, id). */
export function encodeKey(key: string): string {
  return encodeCursor({ k: key });
}

export function decodeKey(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const value = decodeCursor(cursor);
  if (!value || typeof value.k !== 'string' || value.k.length > 512 || value.k.includes('\u0000')) throw AdminException.invalidCursor();
  return value.k;
}

export function adminPageLimit(limit: number | undefined): number {
  if (limit === undefined) return ADMIN_PAGE_DEFAULT_LIMIT;
  return Math.min(Math.max(1, Math.trunc(limit)), ADMIN_PAGE_MAX_LIMIT);
}

/** Fetch `limit + 1` rows, then cut: the extra row says whether there is a next page. */
export function pageOf<T>(rows: readonly T[], limit: number, keyOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeKey(keyOf(last)) : null };
}
