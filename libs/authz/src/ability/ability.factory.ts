import { Inject, Injectable } from '@nestjs/common';
import { createMongoAbility } from '@casl/ability';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { isPermission, type Permission } from '@enclave/contracts';
import { rulesFor } from '../policies/policy-registry.js';
import { BUILT_IN_ROLE_PERMISSIONS, BuiltInRole, isBuiltInRole } from '../roles/built-in-roles.js';
import type { AppAbility } from './app-ability.js';
import { ActorAbility } from './actor-ability.js';
import type { AccountGrants } from './grants.repository.js';

/**
 * Turns an account's grants into its ability: the union of its roles' permissions (built-in
 * ones from code, custom ones from the database), plus the implicit base role (`member`, or
 * `guest` for guests), then each policy's rules for those permissions. Deactivated and
 * unknown accounts get an empty ability: deny by default.
 */
@Injectable()
export class AbilityFactory {
  private readonly editWindowSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.editWindowSeconds = config.authz.messageEditWindowMinutes * 60;
  }

  build(userId: string, grants: AccountGrants): ActorAbility {
    if (!grants.exists || !grants.active) return this.empty(userId, grants.roles.map((r) => r.name), true);
    const names = new Set(grants.roles.map((r) => r.name));
    const guest = names.has(BuiltInRole.Guest);
    names.add(guest ? BuiltInRole.Guest : BuiltInRole.Member);
    const permissions = new Set<Permission>();
    for (const role of grants.roles) {
      // Custom permission arrays are validated on write; a value a newer release removed is ignored.
      if (!role.builtIn) for (const p of role.permissions) if (isPermission(p)) permissions.add(p);
    }
    for (const name of names) if (isBuiltInRole(name)) for (const p of BUILT_IN_ROLE_PERMISSIONS[name]) permissions.add(p);
    const ability = createMongoAbility<AppAbility>(rulesFor({ userId, permissions, guest, editWindowSeconds: this.editWindowSeconds }));
    return new ActorAbility(userId, [...names].sort(), permissions, ability, guest, grants.guestExpiresAt, false);
  }

  empty(userId: string, roles: readonly string[] = [], inactive = true): ActorAbility {
    return new ActorAbility(userId, roles, new Set(), createMongoAbility<AppAbility>([]), false, null, inactive);
  }
}
