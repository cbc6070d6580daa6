import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';

/**
 * Runs a conversation check for a message look-up: a message in a conversation the caller may
 * not see is MESSAGE_NOT_FOUND, so message ids do not reveal private conversations either.
 */
export async function asMessageNotFound<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof MessagingException && error.code === MessagingErrorCode.ConversationNotFound) throw MessagingException.messageNotFound();
    throw error;
  }
}
