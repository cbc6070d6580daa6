import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** Typing indicators; the gateway also requires membership of the conversation. */
export const typingPolicy = capabilityPolicy('Typing', {
  [Permission.TypingSend]: 'send',
});
