/**
 * A JSON text that is already serialised: messaging serialises each event's payload once
 * after commit, and the fan-out hands that text to socket.io unchanged. `RawJsonEncoder`
 * splices it into the frame instead of stringifying it again; across nodes the Redis
 * adapter's JSON.stringify keeps it as a tagged string via `toJSON`, which the encoder on
 * the receiving node recognises too. Either way each message is serialised once per node,
 * never per recipient.
 */
export const RAW_JSON_TAG = '__enclaveRawJson';

export class RawJson {
  constructor(readonly json: string) {}

  toJSON(): { [RAW_JSON_TAG]: string } {
    return { [RAW_JSON_TAG]: this.json };
  }
}

/** The raw text of a RawJson, or of its tagged form after a trip through the Redis adapter. */
export function rawJsonText(value: unknown): string | undefined {
  if (value instanceof RawJson) return value.json;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = (value as Record<string, unknown>)[RAW_JSON_TAG];
    if (typeof tagged === 'string' && Object.keys(value).length === 1) return tagged;
  }
  return undefined;
}
