import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/**
 * The system-wide default permission scheme. Per-channel overrides are a conversation action
 * (`manageScheme`, channel.scheme.manage) decided by conversation.policy.
 */
export const schemePolicy = capabilityPolicy('Scheme', {
  [Permission.SchemeManage]: 'manage',
});
