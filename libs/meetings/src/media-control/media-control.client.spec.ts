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
      const unhandled = jest.fn();
      process.on('unhandledRejection', unhandled);
      const client = new MediaControlClient(config, redisWhosePublish(() => Promise.reject(new Error('Connection is closed.'))));
      await expect(client.send('node-1', { type: 'leave', participantId: 'p' })).rejects.toMatchObject({ code: MeetingErrorCode.MediaTimeout });
      expect(jest.getTimerCount()).toBe(0);
      process.off('unhandledRejection', unhandled);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });
});
