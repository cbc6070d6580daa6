import { describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, Permission } from '@enclave/contracts';
import { BUILT_IN_ROLE_PERMISSIONS, BuiltInRole } from '../roles/built-in-roles.js';
import { BUILT_IN_DEFAULT_SCHEME, CHANNEL_SCOPED_PERMISSIONS } from '../roles/channel-permissions.js';
import { PERMISSION_CHECKS, POLICIES } from './policy-registry.js';

describe('policy registry', () => {
  it('has exactly one policy owning every permission', () => {
    expect([...PERMISSION_CHECKS.keys()].sort()).toEqual([...ALL_PERMISSIONS].sort());
    const owners = POLICIES.flatMap((p) => Object.keys(p.checks));
    expect(new Set(owners).size).toBe(owners.length);
  });

  it('writes rules only for the subject types the policies declare', () => {
    const subjects = new Set(POLICIES.map((p) => p.subject));
    for (const [, [, subject]] of PERMISSION_CHECKS) expect(subjects.has(subject)).toBe(true);
  });

  it('gives the built-in roles what the issue asks for', () => {
    const has = (role: BuiltInRole, p: Permission) => BUILT_IN_ROLE_PERMISSIONS[role].includes(p);
    expect(BUILT_IN_ROLE_PERMISSIONS[BuiltInRole.SystemAdmin]).toEqual(ALL_PERMISSIONS);
    // user_manager: accounts and groups only.
    expect(BUILT_IN_ROLE_PERMISSIONS[BuiltInRole.UserManager].every((p) => /^(user|group|role\.read)/.test(p) && p !== Permission.UserAssignRoles)).toBe(true);
    expect(has(BuiltInRole.UserManager, Permission.GroupManage)).toBe(true);
    // compliance_officer: retention, legal holds, exports, flagged content, the archive.
    expect([...BUILT_IN_ROLE_PERMISSIONS[BuiltInRole.ComplianceOfficer]].sort()).toEqual(
      [Permission.RetentionManage, Permission.LegalHoldManage, Permission.ComplianceExport, Permission.FlaggedContentReview, Permission.ComplianceArchiveRead].sort(),
    );
    // auditor: the audit trail, read-only.
    expect([...BUILT_IN_ROLE_PERMISSIONS[BuiltInRole.Auditor]].sort()).toEqual([Permission.AuditExport, Permission.AuditRead]);
    // guest: no channel creation, browsing, joining or inviting.
    for (const p of [Permission.ChannelCreatePublic, Permission.ChannelCreatePrivate, Permission.ChannelBrowse, Permission.ChannelJoin, Permission.ChannelInvite]) {
      expect(has(BuiltInRole.Guest, p)).toBe(false);
    }
    // member: the ceiling for every channel-scoped permission, but no administration.
    for (const p of CHANNEL_SCOPED_PERMISSIONS) expect(has(BuiltInRole.Member, p)).toBe(true);
    for (const p of [Permission.UserRead, Permission.RoleManage, Permission.AuditRead, Permission.ChannelModerateAny]) expect(has(BuiltInRole.Member, p)).toBe(false);
  });

  it('has a default scheme of channel-scoped permissions, channel admins holding what members hold', () => {
    for (const p of [...BUILT_IN_DEFAULT_SCHEME.member, ...BUILT_IN_DEFAULT_SCHEME.channel_admin]) expect(CHANNEL_SCOPED_PERMISSIONS).toContain(p);
    for (const p of BUILT_IN_DEFAULT_SCHEME.member) expect(BUILT_IN_DEFAULT_SCHEME.channel_admin).toContain(p);
    expect(BUILT_IN_DEFAULT_SCHEME.member).not.toContain(Permission.MessageDeleteAny);
    expect(BUILT_IN_DEFAULT_SCHEME.channel_admin).toContain(Permission.MessageDeleteAny);
  });
});
