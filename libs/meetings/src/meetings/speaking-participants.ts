import { Injectable } from '@nestjs/common';

/**
 * Who the media servers hear speaking now. Every server node receives every media event, so each
 * keeps this from the `speaking` events itself; it only changes on a change, which is why a
 * participant joining a call where someone is already talking needs it (the join's participant
 * list carries it) rather than waiting for the next change. In memory only: it is live state.
 */
@Injectable()
export class SpeakingParticipants {
  private readonly speaking = new Set<string>();

  set(participantId: string, speaking: boolean): void {
    if (speaking) this.speaking.add(participantId);
    else this.speaking.delete(participantId);
  }

  has(participantId: string): boolean {
    return this.speaking.has(participantId);
  }
}
