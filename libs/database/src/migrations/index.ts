import type { MigrationInterface } from 'typeorm';
import { Init1764000000000 } from './1764000000000-init.js';
import { Audit1764000001000 } from './1764000001000-audit.js';
import { Identity1764000002000 } from './1764000002000-identity.js';
import { Messaging1764000003000 } from './1764000003000-messaging.js';
import { Authz1764000004000 } from './1764000004000-authz.js';
import { Groups1764000005000 } from './1764000005000-groups.js';
import { AuthzGroupRoles1764000005500 } from './1764000005500-authz-group-roles.js';
import { AccountAdmin1764000006000 } from './1764000006000-account-admin.js';
import { Meetings1764000007000 } from './1764000007000-meetings.js';

/**
 * Every migration, in order. One linear history for embedded and production PostgreSQL.
 * Add new migrations at the end; never edit one that has shipped.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [Init1764000000000, Audit1764000001000, Identity1764000002000, Messaging1764000003000, Authz1764000004000, Groups1764000005000, AuthzGroupRoles1764000005500, AccountAdmin1764000006000, Meetings1764000007000];
