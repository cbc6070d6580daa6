import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { CHANNEL_NAME_MAX_LENGTH, SEQ_MAX } from './messaging-limits.js';

/**
 * Channel names: letters and digits of any script (产品讨论, Ünternehmen, general), combining
 * marks, and the separators - _ . and space; starting with a letter, digit or mark; at most
 * 80 code points. Unique case-insensitively among channels. No emoji, control or
 * bidirectional characters: names appear in lists, links and exports.
 */
const CHANNEL_NAME_PATTERN = /^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}\-_. ]*$/u;

export function normaliseChannelName(input: string): string {
  return input.normalize('NFC').trim();
}

export function isValidChannelName(name: string): boolean {
  const length = [...name].length;
  return length >= 1 && length <= CHANNEL_NAME_MAX_LENGTH && CHANNEL_NAME_PATTERN.test(name) && name === name.trim();
}

// eslint-disable-next-line no-control-regex
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Topics and purposes: one line of printable text (empty clears it). */
export function isValidSingleLineText(value: string): boolean {
  return !SINGLE_LINE_FORBIDDEN.test(value);
}

/** PostgreSQL text cannot hold NUL; everything else in a message is stored as sent. */
export function hasNul(value: string): boolean {
  return value.includes('\u0000');
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function IsChannelName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isChannelName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidChannelName(normaliseChannelName(value)),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be 1-${CHANNEL_NAME_MAX_LENGTH} letters, digits, spaces or - _ . (any script), starting with a letter or digit`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsSingleLineText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSingleLineText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidSingleLineText(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a single line of printable text`, options),
      },
    },
    options,
  );
}

export function HasNoNul(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasNoNul',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !hasNul(value),
        defaultMessage: buildMessage((each) => `${each}$property must not contain NUL characters`, options),
      },
    },
    options,
  );
}

/** `{ [conversationId]: lastSeenSeq }`: UUID keys, whole-number values ≥ 0, at most `maxEntries`. */
export function isSeqMap(value: unknown, maxEntries: number): value is Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > maxEntries) return false;
  return entries.every(([key, seq]) => UUID_PATTERN.test(key) && typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 && seq <= SEQ_MAX);
}

export function IsSeqMap(maxEntries: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSeqMap',
      constraints: [maxEntries],
      validator: {
        validate: (value: unknown) => isSeqMap(value, maxEntries),
        defaultMessage: buildMessage(
          (each) => `${each}$property must map at most ${maxEntries} conversation ids (UUIDs) to sequence numbers (whole numbers ≥ 0)`,
          options,
        ),
      },
    },
    options,
  );
}
