import { describe, expect, it } from '@jest/globals';
import { MAX_MENTIONS_PER_MESSAGE, parseMentions } from './mentions.js';

describe('parseMentions', () => {
  it('finds @usernames, lower-cased and de-duplicated in order of appearance', () => {
    expect(parseMentions('@Alice and @bob, then @alice again')).toEqual({ names: ['alice', 'bob'], special: null });
  });

  it('recognises mentions inside CJK text without spaces', () => {
    expect(parseMentions('请@wei看一下').names).toEqual(['wei']);
    expect(parseMentions('你好@li.na，明天开会@zhang_san。').names).toEqual(['li.na', 'zhang_san']);
    expect(parseMentions('会议改到三点@产品组').names).toEqual([]);
  });

  it('stops at punctuation and trims trailing dots, dashes and underscores', () => {
    expect(parseMentions('thanks @alice.').names).toEqual(['alice']);
    expect(parseMentions('(@bob) @carol! @dave? @erin: @frank; @gina_ @hal-').names).toEqual(['bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hal']);
    expect(parseMentions('"@ivan" and @judy\'s').names).toEqual(['ivan', 'judy']);
  });

  it('ignores e-mail addresses and words glued to @', () => {
    expect(parseMentions('write to wei@example.com or x@y').names).toEqual([]);
    expect(parseMentions('@@double and @ alone').names).toEqual([]);
  });

  it('keeps names that match no user for later resolution (user groups)', () => {
    expect(parseMentions('@design-team please review').names).toEqual(['design-team']);
  });

  it('detects @channel, @all, @everyone and @here, with @channel winning', () => {
    expect(parseMentions('@here standup')).toEqual({ names: [], special: 'here' });
    expect(parseMentions('@channel release')).toEqual({ names: [], special: 'channel' });
    expect(parseMentions('@all 注意').special).toBe('channel');
    expect(parseMentions('@here and @channel and @here').special).toBe('channel');
    expect(parseMentions('大家好@channel').special).toBe('channel');
  });

  it('ignores mentions in code', () => {
    expect(parseMentions('run `npm i @nestjs/core` and\n```\n@decorator\n```\nthen ping @alice').names).toEqual(['alice']);
    expect(parseMentions('`@here` is not a ping').special).toBeNull();
  });

  it(`keeps at most ${MAX_MENTIONS_PER_MESSAGE} distinct names`, () => {
    const text = Array.from({ length: 150 }, (_, i) => `@user${i}`).join(' ');
    expect(parseMentions(text).names).toHaveLength(MAX_MENTIONS_PER_MESSAGE);
  });

  it('returns quickly for text without @', () => {
    expect(parseMentions('没有提到任何人')).toEqual({ names: [], special: null });
  });
});
