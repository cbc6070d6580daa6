import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@enclave/core';
import { MeetingErrorCode, type MediaNodeStatus } from '@enclave/contracts';
import { MeetingException } from '../errors/meeting.exception.js';
import { MediaControlClient } from '../media-control/media-control.client.js';
import { isAlive, pickLeastLoaded } from './media-placement.js';

/**
 * Where a meeting's media goes. A meeting is pinned to one media node (stored on the meeting
 * row, decided under its lock) so all its participants meet on the same SFU; a new meeting,
 * or one whose node stopped heartbeating, goes to the least-loaded live node.
 */
@Injectable()
export class MediaPlacementService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MediaControlClient) private readonly media: MediaControlClient,
  ) {}

  /** The node to use for a meeting currently pinned to `pinnedNodeId` (if any). */
  async place(pinnedNodeId: string | null): Promise<MediaNodeStatus> {
    const nodes = await this.media.nodes();
    const now = this.clock.now().getTime();
    const pinned = pinnedNodeId ? nodes.find((node) => node.nodeId === pinnedNodeId) : undefined;
    if (pinned && isAlive(pinned, now)) return pinned;
    const chosen = pickLeastLoaded(nodes, now);
    if (!chosen) throw new MeetingException(MeetingErrorCode.NoMediaNode, 'No media server is available for meetings right now.');
    return chosen;
  }
}
