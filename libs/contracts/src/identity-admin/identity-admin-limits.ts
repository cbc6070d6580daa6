/** Limits of the account-administration API, shared by DTO validation and the services. */
export const ADMIN_PAGE_DEFAULT_LIMIT = 50;
export const ADMIN_PAGE_MAX_LIMIT = 200;
export const ADMIN_CURSOR_MAX_LENGTH = 512;
export const ADMIN_SEARCH_MAX_LENGTH = 100;
export const ROLE_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export const MAX_ROLES_PER_ASSIGNMENT = 20;
export const MAX_GROUPS_PER_REQUEST = 100;
export const GROUP_MEMBERS_MAX_PER_REQUEST = 1000;
export const GROUP_NAME_MAX_LENGTH = 64;
export const GROUP_DISPLAY_NAME_MAX_LENGTH = 256;
export const ERASURE_REASON_MAX_LENGTH = 1000;
/** Invitation tokens are `<uuid>.<43 base64url chars>`; anything longer is not one. */
export const INVITATION_TOKEN_MAX_LENGTH = 128;
/** Dry-run reports list at most this many row outcomes and row errors (the counts cover every row). */
export const IMPORT_PREVIEW_ROWS = 100;
export const IMPORT_DRY_RUN_MAX_ERRORS = 200;
/** Row errors kept while applying an import (the count covers every row). */
export const IMPORT_MAX_REPORTED_ERRORS = 1000;

export type AdminUserStatus = 'active' | 'deactivated' | 'erased';
export const ADMIN_USER_STATUSES: readonly AdminUserStatus[] = ['active', 'deactivated', 'erased'];

/**
 * Input cap on a username field. Deliberately above USERNAME_MAX_LENGTH (32): the 3–32 rule is
 * checked by provisioning, so a too-long name gets the specific USERNAME_INVALID with the rule
 * in its message instead of a generic VALIDATION_FAILED; this cap only bounds the work.
 */
export const USERNAME_INPUT_MAX_LENGTH = 128;
