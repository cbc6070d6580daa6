import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { iceServersFor, turnCredential } from './turn-credentials.js';

const settings = { stunUrls: ['stun:127.0.0.1:3478'], turnUrls: ['turn:127.0.0.1:3478?transport=udp'], turnSecret: 's3cret', turnTtlSeconds: 600 };

describe('TURN REST credentials', () => {
  it('signs expiry:userId with HMAC-SHA1 of the shared secret, base64', () => {
    const { username, credential } = turnCredential('s3cret', 'u-1', 1_700_000_000);
    expect(username).toBe('1700000000:u-1');
    expect(credential).toBe(createHmac('sha1', 's3cret').update('1700000000:u-1').digest('base64'));
  });

  it('expires after the configured TTL', () => {
    const servers = iceServersFor(settings, 'u-1', 1_000_000_000_500);
    const turn = servers.find((s) => s.urls[0]?.startsWith('turn:'));
    expect(turn?.username).toBe(`${1_000_000_000 + 600}:u-1`);
  });

  it('hands out STUN only when TURN has no secret, and nothing when nothing is configured', () => {
    expect(iceServersFor({ ...settings, turnSecret: undefined }, 'u', 0)).toEqual([{ urls: ['stun:127.0.0.1:3478'] }]);
    expect(iceServersFor({ stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 60 }, 'u', 0)).toEqual([]);
  });

  it('a different secret or user gives a different password', () => {
    expect(turnCredential('a', 'u', 1).credential).not.toBe(turnCredential('b', 'u', 1).credential);
    expect(turnCredential('a', 'u', 1).credential).not.toBe(turnCredential('a', 'v', 1).credential);
  });
});
