import { describe, expect, it, jest } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@enclave/core';
import { MeetingErrorCode } from '@enclave/contracts';
import { MediaControlClient } from './media-control.client.js';

const config = { redis: { url: 'redis://unused', keyPrefix: 'spec:' } } as AppConfig;

/** A Redis double with only what `send` touches. */
function redisWhosePublish(publish: () => Promise<number>): Redis {
  return { publish } as unknown as Redis;
}

describe('MediaControlClient.send', () => {
  it('answers NO_MEDIA_NODE at once when nobody listens on the node channel', async () => {
    const client = new MediaControlClient(config, redisWhosePublish(() => Promise.resolve(0)));
    await expect(client.send('node-1', { type: 'leave', participantId: 'p' })).rejects.toMatchObject({ code: MeetingErrorCode.NoMediaNode });
  });

  it('rejects its caller, and leaves no timer behind, when Redis refuses the publish', async () => {
    jest.useFakeTimers();
    try {
      const client = new MediaControlClient(config, redisWhosePublish(() => Promise.reject(new Error('Connection is closed.'))));
      await expect(client.send('node-1', { type: 'leave', participantId: 'p' })).rejects.toMatchObject({ code: MeetingErrorCode.MediaTimeout });
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('times out a command whose publish is still queued without an unhandled rejection, and rejects its caller', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let published!: (receivers: number) => void;
      const client = new MediaControlClient(config, redisWhosePublish(() => new Promise<number>((resolve) => (published = resolve))));
      const sent = client.send('node-1', { type: 'leave', participantId: 'p' });
      // ioredis holds the publish (Redis unreachable) past the command timeout.
      jest.advanceTimersByTime(10_000);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
      published(1);
      await expect(sent).rejects.toMatchObject({ code: MeetingErrorCode.MediaTimeout });
    } finally {
      process.off('unhandledRejection', unhandled);
      jest.useRealTimers();
    }
  });
});
