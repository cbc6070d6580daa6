import { isUuid } from './ids.js';

/** Opaque cursor pagination shared by list endpoints. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, string | number> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string | number>) : undefined;
  } catch {
    return undefined;
  }
}

/** (time, id) keyset cursor, for lists sorted by a timestamp with the id breaking ties. */
export function encodeTimeCursor(at: Date, id: string): string {
  return encodeCursor({ t: at.getTime(), id });
}

/** The (time, id) of a cursor from `encodeTimeCursor`, or undefined when it is not one (each module answers with its own error code). */
export function parseTimeCursor(cursor: string): { at: Date; id: string } | undefined {
  const value = decodeCursor(cursor);
  if (!value || typeof value.t !== 'number' || !Number.isFinite(value.t) || !isUuid(value.id)) return undefined;
  return { at: new Date(value.t), id: value.id };
}
