import type { Permission } from '@enclave/contracts';
import { PERMISSION_CHECKS } from '../policies/policy-registry.js';
import type { AppAbility, AuthzSubject } from './app-ability.js';

/**
 * One actor's CASL ability plus what it was built from. Built once per session and cached
 * (AbilityCache): it holds nothing that changes with time or with the resource checked, which
 * arrive as subject attributes instead (channel role, scheme grants, message age).
 */
export class ActorAbility {
  constructor(
    readonly userId: string,
    /** Every role the account holds (direct and through groups), including its implicit base role. */
    readonly roles: readonly string[],
    readonly permissions: ReadonlySet<Permission>,
    readonly ability: AppAbility,
    readonly guest: boolean,
    /** The account stops working at this time (guests); null: never. */
    readonly accessExpiresAt: Date | null,
    /** The account is deactivated or unknown: nothing is allowed. */
    readonly inactive: boolean,
  ) {}

  can(action: string, subject: AuthzSubject): boolean {
    return this.ability.can(action, subject);
  }

  cannot(action: string, subject: AuthzSubject): boolean {
    return !this.can(action, subject);
  }

  /** The route-level question: may this actor exercise `permission` on at least some resource? */
  canExercise(permission: Permission): boolean {
    const check = PERMISSION_CHECKS.get(permission);
    return check !== undefined && this.ability.can(check[0], check[1]);
  }

  expiredAt(now: Date): boolean {
    return this.accessExpiresAt !== null && this.accessExpiresAt.getTime() <= now.getTime();
  }
}
