import { isPermission, type Permission } from '@enclave/contracts';
import { AuthzErrorCode } from '../errors/authz-error-code.js';
import { AuthzException } from '../errors/authz.exception.js';

/** Deduplicated, known permissions, or 400 AUTHZ_UNKNOWN_PERMISSION naming the unknown ones. */
export function validPermissions(values: readonly string[]): Permission[] {
  const unknown = values.filter((v) => !isPermission(v));
  if (unknown.length > 0) {
    throw new AuthzException(AuthzErrorCode.UnknownPermission, 'Some permissions do not exist.', { permissions: unknown.slice(0, 20).map((v) => String(v).slice(0, 100)) });
  }
  return [...new Set(values as Permission[])].sort();
}
