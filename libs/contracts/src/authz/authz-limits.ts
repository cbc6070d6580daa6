/** Limits of the authorisation API, shared by DTO validation and the services. */
export const ROLE_DISPLAY_NAME_MAX_LENGTH = 128;
export const ROLE_DESCRIPTION_MAX_LENGTH = 1000;
/** More than every permission there is, so a full custom role fits, but bounded. */
export const ROLE_MAX_PERMISSIONS = 256;
export const SCHEME_MAX_PERMISSIONS = 64;
export const ROLE_ASSIGNMENT_MAX_SUBJECTS = 500;
/** Permission values are dotted names well below this; longer input is not one. */
export const PERMISSION_MAX_LENGTH = 64;
