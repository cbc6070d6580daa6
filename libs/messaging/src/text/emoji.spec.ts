import { describe, expect, it } from '@jest/globals';
import { normaliseReaction, shortcodeTable } from './emoji.js';

describe('normaliseReaction', () => {
  it.each([
    [':+1:', '👍'],
    [':thumbsup:', '👍'],
    [':SMILE:', '😄'],
    [':heart:', '❤️'],
    [':tada:', '🎉'],
    [' :fire: ', '🔥'],
  ])('maps the shortcode %s to %s', (input, expected) => {
    expect(normaliseReaction(input)).toBe(expected);
  });

  it('keeps Unicode emoji, including sequences, skin tones, flags and keycaps', () => {
    for (const emoji of ['👍', '🎉', '👍🏽', '👨‍👩‍👧', '🇨🇳', '1️⃣', '❤️']) expect(normaliseReaction(emoji)).toBe(emoji);
  });

  it('treats the text-style heart and the emoji-style heart as one reaction', () => {
    expect(normaliseReaction('❤')).toBe('❤️');
    expect(normaliseReaction('❤')).toBe(normaliseReaction(':heart:'));
  });

  it('keeps unknown well-formed shortcodes as custom emoji', () => {
    expect(normaliseReaction(':Party_Parrot:')).toBe(':party_parrot:');
  });

  it.each(['a', '中', 'hello', ':not valid:', '::', '👍👍', '<script>', ''])('refuses %j', (input) => {
    expect(normaliseReaction(input)).toBeUndefined();
  });

  it('maps every table entry to a valid emoji', () => {
    for (const [name, emoji] of Object.entries(shortcodeTable())) {
      expect(normaliseReaction(emoji)).toBe(emoji);
      expect(normaliseReaction(`:${name}:`)).toBe(emoji);
    }
  });
});
