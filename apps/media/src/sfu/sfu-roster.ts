import { MEDIA_SOURCES, type MediaSource } from '@enclave/contracts';
import { MediaError } from './media-error.js';
import type { SfuJoinRequest, SfuLoad } from './sfu-backend.js';

export interface RosterParticipant {
  readonly meetingId: string;
  readonly participantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly publishing: Set<MediaSource>;
  /** Sources the host muted: not forwarded, whether or not they are published yet. */
  readonly muted: Set<MediaSource>;
}

/** One published source of one participant, as its subscribers see it. */
export interface RosterPublication {
  readonly key: string;
  readonly participantId: string;
  readonly userId: string;
  readonly source: MediaSource;
}

export function publicationKey(participantId: string, source: MediaSource): string {
  return `${participantId}/${source}`;
}

/**
 * Who is in which meeting and publishes what: the plain model the SFU derives every offer
 * and the node's load from, with no media objects in it.
 */
export class SfuRoster {
  private readonly participants = new Map<string, RosterParticipant>();
  private readonly meetings = new Map<string, Set<string>>();

  add(request: SfuJoinRequest): RosterParticipant {
    if (this.participants.has(request.participantId)) throw new Error(`participant ${request.participantId} is already on the roster`);
    const participant: RosterParticipant = {
      meetingId: request.meetingId,
      participantId: request.participantId,
      userId: request.userId,
      displayName: request.displayName,
      publishing: new Set(request.publish),
      muted: new Set(),
    };
    this.participants.set(participant.participantId, participant);
    const members = this.meetings.get(participant.meetingId) ?? new Set<string>();
    members.add(participant.participantId);
    this.meetings.set(participant.meetingId, members);
    return participant;
  }

  require(participantId: string): RosterParticipant {
    const participant = this.participants.get(participantId);
    if (!participant) throw MediaError.unknownParticipant(participantId);
    return participant;
  }

  remove(participantId: string): RosterParticipant | undefined {
    const participant = this.participants.get(participantId);
    if (!participant) return undefined;
    this.participants.delete(participantId);
    const members = this.meetings.get(participant.meetingId);
    members?.delete(participantId);
    if (members?.size === 0) this.meetings.delete(participant.meetingId);
    return participant;
  }

  /** Participant ids of a meeting, in join order. */
  members(meetingId: string): string[] {
    return [...(this.meetings.get(meetingId) ?? [])];
  }

  /** The others in the same meeting. */
  peersOf(participantId: string): string[] {
    const participant = this.participants.get(participantId);
    return participant ? this.members(participant.meetingId).filter((id) => id !== participantId) : [];
  }

  /** Returns whether anything changed. */
  setPublishing(participantId: string, source: MediaSource, on: boolean): boolean {
    const { publishing } = this.require(participantId);
    if (publishing.has(source) === on) return false;
    if (on) publishing.add(source);
    else publishing.delete(source);
    return true;
  }

  setMuted(participantId: string, source: MediaSource, muted: boolean): void {
    const participant = this.require(participantId);
    if (muted) participant.muted.add(source);
    else participant.muted.delete(source);
  }

  /** The participant's own sources in a stable order. */
  publishedBy(participantId: string): MediaSource[] {
    const participant = this.require(participantId);
    return MEDIA_SOURCES.filter((source) => participant.publishing.has(source));
  }

  /** What a participant receives: every other member's published sources, in join order. */
  subscriptionsOf(participantId: string): RosterPublication[] {
    return this.peersOf(participantId).flatMap((peerId) => {
      const peer = this.participants.get(peerId)!;
      return this.publishedBy(peerId).map((source) => ({ key: publicationKey(peerId, source), participantId: peerId, userId: peer.userId, source }));
    });
  }

  load(): SfuLoad {
    let streamsOut = 0;
    for (const members of this.meetings.values()) {
      for (const id of members) {
        const participant = this.participants.get(id)!;
        const forwarded = [...participant.publishing].filter((source) => !participant.muted.has(source)).length;
        streamsOut += forwarded * (members.size - 1);
      }
    }
    return { meetings: this.meetings.size, participants: this.participants.size, streamsOut };
  }
}

/** Screen sharing is a second video track. */
export function sourceKind(source: MediaSource): 'audio' | 'video' {
  return source === 'audio' ? 'audio' : 'video';
}
