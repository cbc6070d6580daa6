import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, newId, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import {
  canonicalLocale,
  canonicalTimeZone,
  isValidDisplayName,
  isValidUsername,
  normaliseUsername,
  type UpdateProfileRequest,
  type UserResponse,
} from '@enclave/contracts';
import { requireSession } from '../auth/require-session.js';
import { PasswordService } from '../credentials/password.service.js';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { toUserResponse } from './user-response.mapper.js';
import { SystemRole, type ProfilePatch, type UserRecord } from './user.record.js';
import { UsersRepository } from './users.repository.js';

export interface CreateUserInput {
  readonly username: string;
  /** Omitted for accounts that only sign in through SSO (later issues). */
  readonly password?: string;
  readonly displayName?: string;
  readonly email?: string | null;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly systemRoles?: readonly SystemRole[];
}

const DEFAULT_LOCALE = 'en';
const DEFAULT_TIME_ZONE = 'UTC';

/** Users: creation, the caller's own profile, and system-role checks. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async getMe(actor: Actor): Promise<UserResponse> {
    return toUserResponse(await this.requireUser(requireSession(actor).userId));
  }

  async updateProfile(actor: Actor, request: UpdateProfileRequest): Promise<UserResponse> {
    const before = await this.requireUser(requireSession(actor).userId);
    const patch = changedFields(before, {
      displayName: request.displayName,
      email: request.email === undefined ? undefined : request.email?.trim() || null,
      locale: request.locale === undefined ? undefined : canonicalLocale(request.locale),
      timeZone: request.timeZone === undefined ? undefined : canonicalTimeZone(request.timeZone),
    });
    if (Object.keys(patch).length === 0) return toUserResponse(before);
    const after = await this.tx.run(async () => {
      await this.users.updateProfile(before.id, patch, this.clock.now());
      const pick = (u: UserRecord) => Object.fromEntries(Object.keys(patch).map((k) => [k, u[k as keyof ProfilePatch]]));
      await this.audit.record(actor, { action: AuditAction.UserUpdated, target: { type: 'user', id: before.id }, outcome: 'success', before: pick(before), after: patch });
      return this.requireUser(before.id);
    });
    return toUserResponse(after);
  }

  /** Creates a user (bootstrap now, admin APIs and provisioning later); joins the caller's transaction. */
  async create(actor: Actor, input: CreateUserInput): Promise<UserRecord> {
    const username = normaliseUsername(input.username);
    if (!isValidUsername(username)) {
      throw new IdentityException(IdentityErrorCode.UsernameInvalid, 'Usernames are 3-32 characters of a-z, 0-9, ".", "_" or "-".', HttpStatus.BAD_REQUEST);
    }
    const displayName = input.displayName?.trim() || username;
    if (!isValidDisplayName(displayName)) throw new IdentityException(IdentityErrorCode.UsernameInvalid, 'The display name is not valid.', HttpStatus.BAD_REQUEST);
    // Hash before the transaction: argon2 must not hold a database connection.
    const passwordHash = input.password === undefined ? undefined : await this.passwords.hashInitial(input.password, username);
    const id = newId();
    return this.tx.run(async () => {
      const now = this.clock.now();
      const inserted = await this.users.insert(
        {
          id,
          username,
          email: input.email ?? null,
          displayName,
          locale: canonicalLocale(input.locale ?? DEFAULT_LOCALE) ?? DEFAULT_LOCALE,
          timeZone: canonicalTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE) ?? DEFAULT_TIME_ZONE,
        },
        now,
      );
      if (!inserted) throw new IdentityException(IdentityErrorCode.UsernameTaken, 'This username is already taken.', HttpStatus.CONFLICT);
      for (const role of input.systemRoles ?? []) await this.users.grantSystemRole(id, role, now);
      if (passwordHash) await this.passwords.storeInitial(id, passwordHash);
      const user = await this.requireUser(id);
      await this.audit.record(actor, { action: AuditAction.UserCreated, target: { type: 'user', id }, outcome: 'success', after: toUserResponse(user) });
      return user;
    });
  }

  /** Interim authorisation check until CASL roles arrive: an active user holding system_admin. */
  async isSystemAdmin(userId: string): Promise<boolean> {
    return this.users.hasSystemRole(userId, SystemRole.SystemAdmin);
  }

  async findById(userId: string): Promise<UserRecord | undefined> {
    return this.users.findById(userId);
  }

  private async requireUser(userId: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'No such user.', HttpStatus.NOT_FOUND);
    return user;
  }
}

/** Only fields that actually change, so the audit record's before/after shows the real edit. */
function changedFields(user: UserRecord, candidate: ProfilePatch): ProfilePatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(candidate) as Array<[keyof ProfilePatch, ProfilePatch[keyof ProfilePatch]]>) {
    if (value !== undefined && value !== user[key]) patch[key] = value;
  }
  return patch;
}
