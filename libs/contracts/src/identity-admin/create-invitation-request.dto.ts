import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { EMAIL_MAX_LENGTH } from '../identity/identity-validation.js';
import { DisplayNameField, trimString } from '../identity/profile-fields.js';
import { GroupIdsField, RoleNamesField } from './account-grant-fields.js';

export class CreateInvitationRequest {
  @ApiProperty({ example: 'li.na@example.com', maxLength: EMAIL_MAX_LENGTH })
  @Transform(trimString)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail()
  email!: string;

  @DisplayNameField({ example: '李娜', description: 'Suggested display name; the invitee may change it when accepting.' })
  displayName?: string;

  @RoleNamesField('Roles the account gets when the invitation is accepted.')
  roles?: string[];

  @GroupIdsField('Groups the account joins when the invitation is accepted.')
  groupIds?: string[];
}
