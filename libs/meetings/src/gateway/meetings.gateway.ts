import { Inject, Logger, UseFilters, UseInterceptors, UsePipes, ValidationPipe } from '@nestjs/common';
import { ConnectedSocket, MessageBody, WebSocketGateway, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import {
  Permission,
  JoinMeetingRequest,
  MeetingAnswerRequest,
  MeetingCandidateRequest,
  MeetingPublishRequest,
  MeetingStatsRequest,
  MeetingUpdateRequest,
  ParticipantRef,
  WsModerateMeetingRequest,
  type MediaEvent,
  type MeetingJoinResponse,
} from '@enclave/contracts';
import { WsAckFilter, WsAckInterceptor, WsEvent, actorFromSocket, type EnclaveSocket, type RealtimeIo } from '@enclave/realtime';
import { MeetingException } from '../errors/meeting.exception.js';
import { MediaControlClient } from '../media-control/media-control.client.js';
import { SpeakingParticipants } from '../meetings/speaking-participants.js';
import { AttendanceService } from '../meetings/attendance.service.js';
import { ModerationService } from '../meetings/moderation.service.js';
import { SignallingService } from '../signalling/signalling.service.js';
import { MeetingsBroadcaster, meetingRooms } from './meetings-broadcaster.js';

/**
 * Meetings over the realtime gateway's socket.io server: join/leave, signalling to the SFU,
 * own state, quality reports, moderation. Same edge as every other client event (known event,
 * size and rate checks, DTO validation, declared permission, `{ ok, data | error }` acks).
 * A socket that disconnects leaves every meeting it joined, so a closed tab frees its seat.
 */
@WebSocketGateway()
@UseInterceptors(WsAckInterceptor)
@UseFilters(WsAckFilter)
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, validationError: { target: false, value: false } }))
export class MeetingsGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(MeetingsGateway.name);
  /** Participants joined through sockets of this node, by socket id. */
  private readonly bySocket = new Map<string, Set<string>>();
  private io: RealtimeIo | undefined;

  constructor(
    @Inject(AttendanceService) private readonly attendance: AttendanceService,
    @Inject(SignallingService) private readonly signalling: SignallingService,
    @Inject(ModerationService) private readonly moderation: ModerationService,
    @Inject(MeetingsBroadcaster) private readonly broadcaster: MeetingsBroadcaster,
    @Inject(MediaControlClient) private readonly media: MediaControlClient,
    @Inject(SpeakingParticipants) private readonly speakers: SpeakingParticipants,
  ) {}

  afterInit(io: RealtimeIo): void {
    this.io = io;
    this.broadcaster.attach(io);
    this.media.onEvent((event) => this.onMediaEvent(event));
  }

  async handleDisconnect(socket: EnclaveSocket): Promise<void> {
    const participants = this.bySocket.get(socket.id);
    if (!participants) return;
    this.bySocket.delete(socket.id);
    for (const participantId of participants) {
      await this.attendance.leave(actorFromSocket(socket), participantId, 'disconnected').catch((error: unknown) => this.logger.warn({ err: error, participantId }, 'leave on disconnect failed'));
    }
  }

  @WsEvent('meeting.join', Permission.MeetingJoin)
  async join(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: JoinMeetingRequest): Promise<MeetingJoinResponse> {
    const joined = await this.attendance.join(actorFromSocket(socket), body);
    const participantId = joined.participant.id;
    await socket.join(joined.lobby ? [meetingRooms.participant(participantId)] : [meetingRooms.participant(participantId), meetingRooms.meeting(body.meetingId)]);
    const mine = this.bySocket.get(socket.id) ?? new Set<string>();
    mine.add(participantId);
    this.bySocket.set(socket.id, mine);
    return joined;
  }

  @WsEvent('meeting.leave', Permission.MeetingJoin)
  async leave(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: ParticipantRef): Promise<null> {
    if (!this.bySocket.get(socket.id)?.has(body.participantId)) throw MeetingException.notParticipant();
    this.bySocket.get(socket.id)?.delete(body.participantId);
    await this.attendance.leave(actorFromSocket(socket), body.participantId, 'left');
    return null;
  }

  @WsEvent('meeting.answer', Permission.MeetingJoin)
  answer(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: MeetingAnswerRequest) {
    return this.signalling.answer(actorFromSocket(socket), body);
  }

  @WsEvent('meeting.candidate', Permission.MeetingJoin)
  candidate(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: MeetingCandidateRequest) {
    return this.signalling.candidate(actorFromSocket(socket), body);
  }

  @WsEvent('meeting.publish', Permission.MeetingJoin)
  publish(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: MeetingPublishRequest) {
    return this.signalling.publish(actorFromSocket(socket), body);
  }

  @WsEvent('meeting.update', Permission.MeetingJoin)
  update(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: MeetingUpdateRequest) {
    return this.signalling.update(actorFromSocket(socket), body);
  }

  @WsEvent('meeting.stats', Permission.MeetingJoin)
  stats(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: MeetingStatsRequest) {
    return this.signalling.stats(actorFromSocket(socket), body);
  }

  @WsEvent('meeting.moderate', Permission.MeetingModerate)
  moderate(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: WsModerateMeetingRequest) {
    const { meetingId, ...request } = body;
    return this.moderation.moderate(actorFromSocket(socket), meetingId, request);
  }

  /**
   * Every server node hears every media event. Offers go to the participant's socket if it is
   * here. A failed or closed media connection ends the attendance, handled by the node holding
   * the socket, or by every node (idempotently) when the socket is gone from all of them.
   */
  private onMediaEvent(event: MediaEvent): void {
    if (event.type === 'offer') {
      this.broadcaster.signalLocally({ meetingId: event.meetingId, participantId: event.participantId, offer: event.offer });
      return;
    }
    if (event.type === 'speaking') {
      this.speakers.set(event.participantId, event.speaking);
      this.broadcaster.toMeetingLocally({ type: 'participant.speaking', meetingId: event.meetingId, participantId: event.participantId, speaking: event.speaking });
      return;
    }
    if (event.state !== 'failed' && event.state !== 'closed') return;
    const local = [...this.bySocket.values()].some((set) => set.has(event.participantId));
    const handle = local ? Promise.resolve(true) : (this.io?.in(meetingRooms.participant(event.participantId)).fetchSockets().then((sockets) => sockets.length === 0) ?? Promise.resolve(false));
    handle
      .then((mine) => (mine ? this.attendance.mediaGone(event.participantId) : undefined))
      .catch((error: unknown) => this.logger.warn({ err: error, participantId: event.participantId }, 'could not end a failed media connection'));
  }
}

