import { Inject, Injectable } from '@nestjs/common';
import type { ConversationCallEvent, MeetingEvent, MeetingSignalEvent } from '@enclave/contracts';
import { RealtimeService, type RealtimeIo } from '@enclave/realtime';

/** Room names of meetings: everyone joined in a meeting, and the one socket of a participant. */
export const meetingRooms = {
  meeting: (meetingId: string) => `m:${meetingId}`,
  participant: (participantId: string) => `mp:${participantId}`,
} as const;

/**
 * Pushes meeting state to sockets through the Redis adapter (every node), once the meetings
 * gateway has the socket.io server. Media signals and speaking go to local sockets only: every
 * server node receives every media event from Redis, and only the one holding a socket must
 * deliver to it.
 */
@Injectable()
export class MeetingsBroadcaster {
  private io: RealtimeIo | undefined;

  constructor(@Inject(RealtimeService) private readonly realtime: RealtimeService) {}

  attach(io: RealtimeIo): void {
    this.io = io;
  }

  toMeeting(event: MeetingEvent): void {
    this.io?.to(meetingRooms.meeting(event.meetingId)).emit('meeting.event', event);
  }

  toParticipant(participantId: string, event: MeetingEvent): void {
    this.io?.to(meetingRooms.participant(participantId)).emit('meeting.event', event);
  }

  /** For events every server node receives itself (media events): each delivers to its own sockets. */
  toMeetingLocally(event: MeetingEvent): void {
    this.io?.local.to(meetingRooms.meeting(event.meetingId)).emit('meeting.event', event);
  }

  signalLocally(event: MeetingSignalEvent): void {
    this.io?.local.to(meetingRooms.participant(event.participantId)).emit('meeting.signal', event);
  }

  /** Takes a participant's socket (wherever it is) out of the meeting room: it gets no more meeting events. */
  detach(meetingId: string, participantId: string): void {
    this.io?.in(meetingRooms.participant(participantId)).socketsLeave(meetingRooms.meeting(meetingId));
  }

  callMarker(event: ConversationCallEvent): void {
    this.realtime.emitToConversation(event.conversationId, 'meeting.call', event);
  }
}
