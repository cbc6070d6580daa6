import { Inject, Injectable } from '@nestjs/common';
import { actingUserId } from '@enclave/core';
import type { Actor } from '@enclave/core';
import { AppException } from '@enclave/core';
import { Permission, type ConversationResponse } from '@enclave/contracts';
import { AbilityService } from '@enclave/authz';
import { ConversationsService } from '@enclave/messaging';
import type { MeetingRecord, ParticipantRole } from '../meetings/meeting.record.js';

/** What the actor may do in one meeting, decided once per operation. */
export interface MeetingStanding {
  readonly userId: string;
  /** Host, admin of the meeting's channel, or someone who may moderate every channel. */
  readonly moderator: boolean;
  /** May join without waiting in the lobby: moderators, conversation members, invitees. */
  readonly admittedDirectly: boolean;
  /** May see the meeting at all (get, list). */
  readonly canSee: boolean;
  readonly role: ParticipantRole;
}

/**
 * The meeting policy. Route permissions (MeetingJoin, MeetingStart, MeetingModerate) are checked
 * by the global guard; this decides per meeting, from the conversation's membership (through
 * messaging, so private channels stay private) and the actor's abilities.
 */
@Injectable()
export class MeetingAccess {
  constructor(
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(ConversationsService) private readonly conversations: ConversationsService,
  ) {}

  /** The conversation as the actor sees it, or undefined when they may not see it. */
  async conversationFor(actor: Actor, conversationId: string): Promise<ConversationResponse | undefined> {
    try {
      return await this.conversations.get(actor, conversationId, { counts: false });
    } catch (error) {
      // Not found / not a member: to meetings, both mean "not your conversation".
      if (error instanceof AppException && Number(error.status) >= 400 && Number(error.status) < 500) return undefined;
      throw error;
    }
  }

  async standing(actor: Actor, meeting: MeetingRecord): Promise<MeetingStanding> {
    const userId = actingUserId(actor);
    const ability = await this.abilities.usable(actor);
    const moderatesEverything = ability.canExercise(Permission.ChannelModerateAny);
    const conversation = meeting.conversationId ? await this.conversationFor(actor, meeting.conversationId) : undefined;
    const member = conversation?.membership != null;
    const channelAdmin = conversation?.membership?.role === 'channel_admin';
    const host = meeting.hostId === userId;
    const invited = meeting.inviteeIds.includes(userId);
    const moderator = host || channelAdmin || moderatesEverything;
    return {
      userId,
      moderator,
      admittedDirectly: moderator || member || invited,
      canSee: moderator || member || invited || conversation !== undefined,
      role: host ? 'host' : moderator ? 'moderator' : 'participant',
    };
  }
}
