import type { SpecialMention } from '@enclave/contracts';

export interface ParsedMentions {
  /** Lower-case `@name` tokens in order of first appearance, without the special ones. */
  readonly names: readonly string[];
  readonly special: SpecialMention | null;
}

/** More distinct @names than this in one message are ignored (they are still in the text). */
export const MAX_MENTIONS_PER_MESSAGE = 100;

const SPECIAL: Readonly<Record<string, SpecialMention>> = { channel: 'channel', all: 'channel', everyone: 'channel', here: 'here' };

/**
 * `@` starts a mention unless the character before it is part of an ASCII word or address
 * (so `mail@example.com` is not one). CJK text before it is fine: Chinese and Japanese have no
 * spaces, `请@wei看一下` mentions wei. The name is the longest run of username characters,
 * minus trailing dots, dashes and underscores (sentence punctuation: `@wei.` or `@wei_`).
 */
const MENTION = /(?<![A-Za-z0-9._%+\-@])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})/g;

/** Fenced code blocks and inline code are not prose: mentions inside them do not count. */
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;

export function parseMentions(text: string): ParsedMentions {
  if (!text.includes('@')) return { names: [], special: null };
  const prose = text.includes('`') ? text.replace(CODE, ' ') : text;
  const names: string[] = [];
  const seen = new Set<string>();
  let special: SpecialMention | null = null;
  for (const match of prose.matchAll(MENTION)) {
    const name = (match[1] ?? '').replace(/[._-]+$/, '').toLowerCase();
    if (name.length === 0) continue;
    const specialKind = SPECIAL[name];
    if (specialKind) {
      // @channel outranks @here: it reaches everyone, online or not.
      if (special !== 'channel') special = specialKind;
      continue;
    }
    if (seen.has(name) || names.length >= MAX_MENTIONS_PER_MESSAGE) continue;
    seen.add(name);
    names.push(name);
  }
  return { names, special };
}
