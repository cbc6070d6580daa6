/**
 * Stable error codes of the messaging module. Values are part of the public API (clients and
 * bots branch on them): never change or reuse one.
 */
export enum MessagingErrorCode {
  ConversationNotFound = 'CONVERSATION_NOT_FOUND',
  NotAMember = 'NOT_A_MEMBER',
  ConversationArchived = 'CONVERSATION_ARCHIVED',
  ConversationNotArchived = 'CONVERSATION_NOT_ARCHIVED',
  NotAllowedForKind = 'NOT_ALLOWED_FOR_CONVERSATION_KIND',
  NotChannelAdmin = 'NOT_CHANNEL_ADMIN',
  ChannelNameTaken = 'CHANNEL_NAME_TAKEN',
  ChannelNameInvalid = 'CHANNEL_NAME_INVALID',
  GroupDmSize = 'GROUP_DM_SIZE',
  UserNotFound = 'USER_NOT_FOUND',
  CannotRemoveSelf = 'CANNOT_REMOVE_SELF',
  MemberNotFound = 'MEMBER_NOT_FOUND',
  MessageNotFound = 'MESSAGE_NOT_FOUND',
  MessageTooLong = 'MESSAGE_TOO_LONG',
  MessageEmpty = 'MESSAGE_EMPTY',
  NotMessageAuthor = 'NOT_MESSAGE_AUTHOR',
  NotAllowedToDelete = 'NOT_ALLOWED_TO_DELETE',
  SystemMessageImmutable = 'SYSTEM_MESSAGE_IMMUTABLE',
  MentionNotAllowed = 'MENTION_NOT_ALLOWED',
  InvalidThreadRoot = 'INVALID_THREAD_ROOT',
  ClientMsgIdConflict = 'CLIENT_MSG_ID_CONFLICT',
  InvalidEmoji = 'INVALID_EMOJI',
  TooManyReactions = 'TOO_MANY_REACTIONS',
  TooManyPins = 'TOO_MANY_PINS',
  InvalidCursor = 'INVALID_CURSOR',
  InvalidRange = 'INVALID_RANGE',
  ReceiptsNotAvailable = 'RECEIPTS_NOT_AVAILABLE',
}
