import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/**
 * Usernames follow Slack/Mattermost: lower-case a-z, 0-9 and . _ - , starting with a letter
 * or digit. They appear in @mentions, URLs and exports, where CJK or mixed case causes
 * look-alike and encoding trouble; display names carry the person's real (any-script) name.
 */
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const DISPLAY_NAME_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 254;
export const LOCALE_MAX_LENGTH = 35;
export const TIME_ZONE_MAX_LENGTH = 64;
/** Longer than the password policy allows, so over-long passwords get PASSWORD_TOO_LONG, not a generic 400. */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;

/**
 * Any printable text: letters of every script, emoji (which need ZWJ). Refused: control
 * characters and bidirectional overrides, which let a name render as someone else's.
 */
// eslint-disable-next-line no-control-regex
const DISPLAY_NAME_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function normaliseUsername(input: string): string {
  return input.trim().toLowerCase();
}

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}

export function isValidDisplayName(name: string): boolean {
  return name.trim().length > 0 && [...name].length <= DISPLAY_NAME_MAX_LENGTH && !DISPLAY_NAME_FORBIDDEN.test(name);
}

/** The canonical BCP 47 form (`zh-cn` -> `zh-CN`), or undefined if it is not a locale tag. */
export function canonicalLocale(tag: string): string | undefined {
  if (tag.length === 0 || tag.length > LOCALE_MAX_LENGTH) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

const ZONE_NAME = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * The IANA name to store, or undefined. Accepts every name the runtime's tz database knows
 * (`Intl.supportedValuesOf('timeZone')` and aliases such as UTC, Asia/Kolkata); refuses raw
 * offsets like +08:00, which do not follow daylight-saving changes. The name is kept as
 * given (ICU would rewrite Asia/Kolkata to the legacy Asia/Calcutta), only its case fixed.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  if (zone.length > TIME_ZONE_MAX_LENGTH || !ZONE_NAME.test(zone)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return undefined;
  }
}

export function IsUsername(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUsername',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidUsername(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be ${USERNAME_MIN_LENGTH}-${USERNAME_MAX_LENGTH} characters of a-z, 0-9, ".", "_" or "-"`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsDisplayName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDisplayName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidDisplayName(value),
        defaultMessage: buildMessage((each) => `${each}$property must be 1-${DISPLAY_NAME_MAX_LENGTH} printable characters`, options),
      },
    },
    options,
  );
}

export function IsLocaleTag(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocaleTag',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && canonicalLocale(value) !== undefined,
        defaultMessage: buildMessage((each) => `${each}$property must be a BCP 47 language tag such as en or zh-CN`, options),
      },
    },
    options,
  );
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && canonicalTimeZone(value) !== undefined,
        defaultMessage: buildMessage((each) => `${each}$property must be an IANA time zone such as Asia/Shanghai or UTC`, options),
      },
    },
    options,
  );
}
