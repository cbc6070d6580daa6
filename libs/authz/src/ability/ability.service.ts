import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppException, Clock, CommonErrorCode, type Actor } from '@enclave/core';
import type { Permission } from '@enclave/contracts';
import { AuthzErrorCode } from '../errors/authz-error-code.js';
import { AuthzException, markDenied } from '../errors/authz.exception.js';
import { AbilityCacheHolder } from './ability-cache.holder.js';
import { AbilityFactory } from './ability.factory.js';
import type { ActorAbility } from './actor-ability.js';
import type { AuthzSubject } from './app-ability.js';
import { GrantsRepository } from './grants.repository.js';

/**
 * The ability of an actor, per session: from the cache, or built from the database (one
 * statement) on a miss. The guard calls it for every request, so services calling it again
 * for the same actor hit the cache.
 */
@Injectable()
export class AbilityService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(GrantsRepository) private readonly grants: GrantsRepository,
    @Inject(AbilityFactory) private readonly factory: AbilityFactory,
    @Inject(AbilityCacheHolder) private readonly holder: AbilityCacheHolder,
  ) {}

  async forActor(actor: Actor): Promise<ActorAbility> {
    if (!actor.userId) throw new AppException(CommonErrorCode.Unauthenticated, 'Authentication required.', HttpStatus.UNAUTHORIZED);
    const key = `${actor.userId}:${actor.sessionId ?? '-'}`;
    const cache = this.holder.cache;
    const cached = cache.get(key, this.clock.nowMs());
    if (cached) return cached;
    const generation = cache.generation;
    const ability = this.factory.build(actor.userId, await this.grants.load(actor.userId));
    cache.set(key, ability, this.clock.nowMs(), generation);
    return ability;
  }

  /**
   * The ability of an actor who must be able to act now: refuses expired guest accounts
   * (403 AUTHZ_ACCOUNT_EXPIRED) and deactivated ones (403 FORBIDDEN).
   */
  async usable(actor: Actor): Promise<ActorAbility> {
    const ability = await this.forActor(actor);
    if (ability.inactive) throw AuthzException.forbidden('account.active', 'This account cannot act.');
    if (ability.expiredAt(this.clock.now())) {
      throw markDenied(new AuthzException(AuthzErrorCode.AccountExpired, 'This guest account has expired.'), 'account.active');
    }
    return ability;
  }

  /** Throws 403 FORBIDDEN (marked for the denial audit) unless `ability` allows `action` on `subject`. */
  assert(ability: ActorAbility, action: string, subject: AuthzSubject, permission: Permission): void {
    if (!ability.can(action, subject)) throw AuthzException.forbidden(permission);
  }

  /**
   * The batch form, for requests naming many resources: the caller loads every subject in one
   * query, keyed by id; one refused id refuses the whole request (403 naming the refused ids,
   * which the caller sent itself), so a bulk action is never half-done.
   */
  assertAll(ability: ActorAbility, action: string, subjects: ReadonlyMap<string, AuthzSubject>, permission: Permission): void {
    const refused = [...subjects].filter(([, subject]) => !ability.can(action, subject)).map(([id]) => id);
    if (refused.length > 0) throw AuthzException.forbidden(permission, 'You do not have permission to do this to some of these.', { ids: refused.slice(0, 100) });
  }

  /** The ids among `subjects` the ability allows `action` on (filtering a batch instead of refusing it). */
  allowedIds(ability: ActorAbility, action: string, subjects: ReadonlyMap<string, AuthzSubject>): string[] {
    return [...subjects].filter(([, subject]) => ability.can(action, subject)).map(([id]) => id);
  }
}
