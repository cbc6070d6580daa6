import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { hasNul, isUniqueViolation, TransactionContext } from '@enclave/database';
import { AuditContext } from '@enclave/audit';
import {
  Permission,
  canonicalLocale,
  canonicalTimeZone,
  type AdminCreateUserRequest,
  type AdminUpdateUserRequest,
  type AdminUserListQuery,
  type AdminUserListResponse,
  type AdminUserResponse,
} from '@enclave/contracts';
import { AdminAuthorizer } from '../admin-access/admin-authorizer.js';
import { PasswordService } from '../credentials/password.service.js';
import { adminPageLimit, decodeKey, pageOf } from '../database/keyset-cursor.js';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { toAdminUserAudit, toAdminUserResponse } from './admin-user-response.mapper.js';
import type { AccountPatch, AdminUserRecord } from './admin-user.record.js';
import { AdminUsersRepository } from './admin-users.repository.js';
import { UserProvisioning } from './user-provisioning.service.js';

/** Users for administrators: search, one user, create, edit. Lifecycle lives in UserLifecycleService. */
@Injectable()
export class AdminUsersService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
    @Inject(AdminUsersRepository) private readonly users: AdminUsersRepository,
    @Inject(UserProvisioning) private readonly provisioning: UserProvisioning,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(AdminAuthorizer) private readonly authorizer: AdminAuthorizer,
  ) {}

  async list(actor: Actor, query: AdminUserListQuery): Promise<AdminUserListResponse> {
    const limit = adminPageLimit(query.limit);
    if (hasNul(query.q)) return { items: [], nextCursor: null };
    const visible = await this.authorizer.userListFilter(actor);
    const rows = await this.users.list(
      {
        q: query.q ? query.q.toLowerCase() : undefined,
        role: query.role,
        status: query.status,
        groupId: query.groupId,
        lastActiveBefore: query.lastActiveBefore ? new Date(query.lastActiveBefore) : undefined,
        lastActiveAfter: query.lastActiveAfter ? new Date(query.lastActiveAfter) : undefined,
        afterUsername: decodeKey(query.cursor),
      },
      limit + 1,
      visible,
    );
    const page = pageOf(rows, limit, (u) => u.username.toLowerCase());
    return { items: page.items.map(toAdminUserResponse), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, userId: string): Promise<AdminUserResponse> {
    await this.authorizer.assertUsers(actor, 'read', Permission.UserRead, [userId]);
    return toAdminUserResponse(await this.require(userId));
  }

  async create(actor: Actor, request: AdminCreateUserRequest): Promise<AdminUserResponse> {
    const username = UserProvisioning.validUsername(request.username);
    // argon2 runs inside the request's audit transaction here; admin creations are rare enough.
    const passwordHash = request.password === undefined ? undefined : await this.passwords.hashInitial(request.password, username);
    return this.tx.run(async () => {
      const user = await this.provisioning.createAccount(actor, {
        username,
        displayName: request.displayName,
        email: request.email ?? null,
        passwordHash,
        mustChangePassword: request.mustChangePassword ?? true,
        locale: request.locale,
        timeZone: request.timeZone,
        roles: request.roles,
        groupIds: request.groupIds,
      });
      this.audit.setTarget('user', user.id);
      this.audit.setAfter(toAdminUserAudit(user));
      this.audit.addDetails({ via: 'admin', password: passwordHash ? 'set' : 'none' });
      return toAdminUserResponse(user);
    });
  }

  async update(actor: Actor, userId: string, request: AdminUpdateUserRequest): Promise<AdminUserResponse> {
    await this.authorizer.assertUsers(actor, 'update', Permission.UserUpdate, [userId]);
    return this.tx.run(async () => {
      const before = await this.require(userId, true);
      if (before.erasedAt) throw erased();
      const patch = changedFields(before, {
        username: request.username === undefined ? undefined : UserProvisioning.validUsername(request.username),
        displayName: request.displayName,
        email: request.email === undefined ? undefined : request.email?.trim() || null,
        locale: request.locale === undefined ? undefined : canonicalLocale(request.locale),
        timeZone: request.timeZone === undefined ? undefined : canonicalTimeZone(request.timeZone),
        guestExpiresAt: request.guestExpiresAt === undefined ? undefined : request.guestExpiresAt === null ? null : new Date(request.guestExpiresAt),
      });
      if (Object.keys(patch).length === 0) return toAdminUserResponse(before);
      if (patch.username && (await this.users.isUsernameTaken(patch.username, userId))) throw usernameTaken();
      try {
        await this.users.updateAccount(userId, patch, this.clock.now());
      } catch (error) {
        if (isUniqueViolation(error)) throw usernameTaken();
        throw error;
      }
      if (patch.guestExpiresAt !== undefined) await this.authorizer.abilitiesChanged([userId]);
      const after = await this.require(userId);
      const pick = (u: AdminUserRecord): Record<string, unknown> => {
        const view = toAdminUserAudit(u);
        return Object.fromEntries(Object.keys(patch).map((k) => [k, view[k]]));
      };
      this.audit.setBefore(pick(before));
      this.audit.setAfter(pick(after));
      return toAdminUserResponse(after);
    });
  }

  private async require(userId: string, lock = false): Promise<AdminUserRecord> {
    const user = await this.users.findById(userId, { lock });
    if (!user) throw AdminException.userNotFound();
    return user;
  }
}

/** Only fields that actually change, so the audit record's before/after shows the real edit. */
function changedFields(user: AdminUserRecord, candidate: AccountPatch): AccountPatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(candidate) as Array<[keyof AccountPatch, AccountPatch[keyof AccountPatch]]>) {
    if (value === undefined) continue;
    const current = user[key];
    const same = value instanceof Date || current instanceof Date ? (value as Date | null)?.getTime() === (current as Date | null)?.getTime() : value === current;
    if (!same) patch[key] = value;
  }
  return patch;
}

function usernameTaken(): IdentityException {
  return new IdentityException(IdentityErrorCode.UsernameTaken, 'This username is already taken.', HttpStatus.CONFLICT);
}

function erased(): AdminException {
  return new AdminException(AdminErrorCode.UserErased, 'This account was erased and can no longer be changed.', HttpStatus.CONFLICT);
}
