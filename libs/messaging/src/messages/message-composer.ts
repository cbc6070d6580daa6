import { Inject, Injectable } from '@nestjs/common';
import { CLIENT_MSG_ID_MAX_LENGTH, hasNul, type SpecialMention } from '@enclave/contracts';
import { UserDirectoryRepository } from '../directory/user-directory.repository.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { validationError } from '../errors/validation-error.js';
import { MESSAGING_SETTINGS, type MessagingSettings } from '../messaging-settings.js';
import { codePointLength, isBlank } from '../text/message-text.js';
import { parseMentions, type ParsedMentions } from '../text/mentions.js';

export interface ResolvedMentions {
  readonly userIds: readonly string[];
  /** @names matching no active user: kept for user groups (a later issue). */
  readonly unresolved: readonly string[];
  readonly special: SpecialMention | null;
}

const CLIENT_MSG_ID = /^[A-Za-z0-9._:-]+$/;

/** Checks message text and resolves its mentions; shared by send and edit. */
@Injectable()
export class MessageComposer {
  constructor(
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(UserDirectoryRepository) private readonly directory: UserDirectoryRepository,
  ) {}

  /** Before any database work: length in code points, no NUL, not blank. Returns the parsed mentions. */
  check(text: unknown): ParsedMentions {
    if (typeof text !== 'string' || isBlank(text)) throw new MessagingException(MessagingErrorCode.MessageEmpty, 'A message needs some text.');
    if (hasNul(text)) throw validationError('text must not contain NUL characters');
    // Cheap bound first: a text longer in UTF-16 units than twice the limit is too long in code points too.
    const max = this.settings.maxMessageLength;
    const length = text.length > max * 2 ? text.length : codePointLength(text);
    if (length > max) {
      throw new MessagingException(MessagingErrorCode.MessageTooLong, `Messages are limited to ${max} characters.`, { maxLength: max, length: codePointLength(text) });
    }
    return parseMentions(text);
  }

  checkClientMsgId(clientMsgId: string | undefined | null): string | null {
    if (clientMsgId === undefined || clientMsgId === null) return null;
    if (typeof clientMsgId !== 'string' || clientMsgId.length === 0 || clientMsgId.length > CLIENT_MSG_ID_MAX_LENGTH || !CLIENT_MSG_ID.test(clientMsgId)) {
      throw validationError(`clientMsgId must be 1-${CLIENT_MSG_ID_MAX_LENGTH} letters, digits or . _ : -`);
    }
    return clientMsgId;
  }

  /** Inside the transaction: @names of active users become user ids, the rest stay unresolved. */
  async resolve(parsed: ParsedMentions): Promise<ResolvedMentions> {
    if (parsed.names.length === 0) return { userIds: [], unresolved: [], special: parsed.special };
    const ids = await this.directory.idsByUsername(parsed.names);
    const userIds: string[] = [];
    const unresolved: string[] = [];
    for (const name of parsed.names) {
      const id = ids.get(name);
      if (id === undefined) unresolved.push(name);
      else if (!userIds.includes(id)) userIds.push(id);
    }
    return { userIds, unresolved, special: parsed.special };
  }
}
