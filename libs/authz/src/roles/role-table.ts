import { ALL_PERMISSIONS } from '@enclave/contracts';
import { BUILT_IN_ROLE_PERMISSIONS, BuiltInRole } from './built-in-roles.js';
import { BUILT_IN_DEFAULT_SCHEME, isChannelScoped } from './channel-permissions.js';

const ROLES = Object.values(BuiltInRole);

/**
 * The built-in role × permission table, as libs/authz/README.md shows it (a unit test keeps
 * the two in step). Channel-scoped permissions say which channel roles the default scheme
 * gives them to: the account role is the ceiling, the scheme decides per channel.
 */
export function builtInRoleTableMarkdown(): string {
  const header = `| Permission | ${ROLES.map((r) => `\`${r}\``).join(' | ')} | default scheme |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|---|`;
  const rows = ALL_PERMISSIONS.map((permission) => {
    const cells = ROLES.map((role) => (BUILT_IN_ROLE_PERMISSIONS[role].includes(permission) ? '✓' : ''));
    const scheme = !isChannelScoped(permission)
      ? ''
      : BUILT_IN_DEFAULT_SCHEME.member.includes(permission)
        ? 'member, channel_admin'
        : BUILT_IN_DEFAULT_SCHEME.channel_admin.includes(permission)
          ? 'channel_admin'
          : '(none: grant per channel)';
    return `| \`${permission}\` | ${cells.join(' | ')} | ${scheme} |`;
  });
  return [header, rule, ...rows].join('\n');
}
