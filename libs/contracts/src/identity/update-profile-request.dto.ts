import { DisplayNameField, EmailField, LocaleField, TimeZoneField } from './profile-fields.js';

/** Omitted fields stay as they are; `email: null` clears the address. */
export class UpdateProfileRequest {
  @DisplayNameField()
  displayName?: string;

  @EmailField({ type: String, nullable: true, example: 'alice@example.com' })
  email?: string | null;

  @LocaleField()
  locale?: string;

  @TimeZoneField()
  timeZone?: string;
}
