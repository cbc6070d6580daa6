import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** Presence: setting your own, watching others'. */
export const presencePolicy = capabilityPolicy('Presence', {
  [Permission.PresenceRead]: 'read',
  [Permission.PresenceSet]: 'update',
});
