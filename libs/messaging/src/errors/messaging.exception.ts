import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorDetails } from '@enclave/core';
import { MessagingErrorCode } from './messaging-error-code.js';

const STATUS: Record<MessagingErrorCode, HttpStatus> = {
  [MessagingErrorCode.ConversationNotFound]: HttpStatus.NOT_FOUND,
  [MessagingErrorCode.NotAMember]: HttpStatus.FORBIDDEN,
  [MessagingErrorCode.ConversationArchived]: HttpStatus.CONFLICT,
  [MessagingErrorCode.ConversationNotArchived]: HttpStatus.CONFLICT,
  [MessagingErrorCode.NotAllowedForKind]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.NotChannelAdmin]: HttpStatus.FORBIDDEN,
  [MessagingErrorCode.ChannelNameTaken]: HttpStatus.CONFLICT,
  [MessagingErrorCode.ChannelNameInvalid]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.GroupDmSize]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.UserNotFound]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.CannotRemoveSelf]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.MemberNotFound]: HttpStatus.NOT_FOUND,
  [MessagingErrorCode.MessageNotFound]: HttpStatus.NOT_FOUND,
  [MessagingErrorCode.MessageTooLong]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.MessageEmpty]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.NotMessageAuthor]: HttpStatus.FORBIDDEN,
  [MessagingErrorCode.NotAllowedToDelete]: HttpStatus.FORBIDDEN,
  [MessagingErrorCode.SystemMessageImmutable]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.MentionNotAllowed]: HttpStatus.FORBIDDEN,
  [MessagingErrorCode.InvalidThreadRoot]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.ClientMsgIdConflict]: HttpStatus.CONFLICT,
  [MessagingErrorCode.InvalidEmoji]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.TooManyReactions]: HttpStatus.CONFLICT,
  [MessagingErrorCode.TooManyPins]: HttpStatus.CONFLICT,
  [MessagingErrorCode.InvalidCursor]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.InvalidRange]: HttpStatus.BAD_REQUEST,
  [MessagingErrorCode.ReceiptsNotAvailable]: HttpStatus.BAD_REQUEST,
};

/** Every error the messaging module raises; the status follows from the code. Messages are client-safe. */
export class MessagingException extends AppException {
  constructor(
    override readonly code: MessagingErrorCode,
    message: string,
    details?: ErrorDetails,
  ) {
    super(code, message, STATUS[code], details);
  }

  /** Also for private conversations the caller may not see: 404, never 403, so they stay invisible. */
  static conversationNotFound(): MessagingException {
    return new MessagingException(MessagingErrorCode.ConversationNotFound, 'No such conversation.');
  }

  static messageNotFound(): MessagingException {
    return new MessagingException(MessagingErrorCode.MessageNotFound, 'No such message.');
  }

  static notAMember(): MessagingException {
    return new MessagingException(MessagingErrorCode.NotAMember, 'You are not a member of this conversation.');
  }

  static archived(): MessagingException {
    return new MessagingException(MessagingErrorCode.ConversationArchived, 'This conversation is archived and read-only.');
  }

  static invalidCursor(): MessagingException {
    return new MessagingException(MessagingErrorCode.InvalidCursor, 'The cursor is not valid.');
  }
}
