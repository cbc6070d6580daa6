import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** User groups (account administration). Granting roles to a group is role.policy's `assignToGroup`. */
export const groupPolicy = capabilityPolicy('Group', {
  [Permission.GroupRead]: 'read',
  [Permission.GroupManage]: 'manage',
});
