import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { USERNAME_PATTERN } from '@tracker/services';
import type { UnitAccountOutcome, UnitAccountRequest, UnitAccountsView } from '@tracker/services';

export { USERNAME_PATTERN };
export const USERNAME_RULE = 'username must be 2–63 lowercase letters, digits, ".", "_" or "-"';

export class UnitAccountItemDto {
  @ApiProperty({ format: 'uuid', description: 'A unit holding a task of this document' })
  @IsUUID('all', { message: 'must be a UUID' })
  unitId: string;

  @ApiProperty({
    enum: ['create', 'invite'],
    description: 'create: open the account now; invite: mail a link to open it',
  })
  @IsIn(['create', 'invite'], { message: 'must be create or invite' })
  mode: 'create' | 'invite';

  @ApiPropertyOptional({ example: 'gx-kjt', description: 'mode create' })
  @ValidateIf((o: UnitAccountItemDto) => o.mode === 'create')
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username?: string;

  @ApiPropertyOptional({
    minLength: 8,
    maxLength: 128,
    description: 'mode create: the first password (the password policy applies)',
  })
  @ValidateIf((o: UnitAccountItemDto) => o.mode === 'create')
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'kjt@example.gov.cn',
    description: 'mode invite: where the invitation goes; mode create: optional',
  })
  @ValidateIf(
    (o: UnitAccountItemDto) => o.mode === 'invite' || (o.email !== undefined && o.email !== null),
  )
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;
}

export class ProvideUnitAccountsDto {
  @ApiProperty({ type: [UnitAccountItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => UnitAccountItemDto)
  items: UnitAccountItemDto[];
}

export function toUnitAccountRequest(d: UnitAccountItemDto): UnitAccountRequest {
  return d.mode === 'create'
    ? {
        unitId: d.unitId,
        mode: 'create',
        username: d.username as string,
        password: d.password as string,
        email: d.email ?? null,
      }
    : { unitId: d.unitId, mode: 'invite', email: d.email as string };
}

export class UnitAccountsResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'tasks of the document it leads' }) leadTasks: number;
  @ApiProperty({ description: 'tasks of the document it supports' }) supportTasks: number;
  @ApiProperty({ description: 'agency accounts of the unit' }) accounts: number;
  @ApiProperty({ description: 'of which not disabled' }) activeAccounts: number;
  @ApiProperty({ description: 'whether an active account exists' }) hasActiveAccount: boolean;
  @ApiProperty({ description: 'invitations neither accepted nor expired' })
  pendingInvitations: number;
  @ApiProperty({ description: 'whether an invitation is pending' }) hasPendingInvitation: boolean;
  @ApiProperty({ description: 'invitations whose mail failed for good (invite again)' })
  failedInvitations: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  invitationExpiresAt: string | null;
  @ApiProperty({ description: 'the username the unit’s first account would get' })
  suggestedUsername: string;
}

export function toUnitAccountsResponse(u: UnitAccountsView): UnitAccountsResponse {
  return {
    unitId: u.unitId,
    unitName: u.unitName,
    leadTasks: u.leadTasks,
    supportTasks: u.supportTasks,
    accounts: u.accounts,
    activeAccounts: u.activeAccounts,
    hasActiveAccount: u.activeAccounts > 0,
    pendingInvitations: u.pendingInvitations,
    hasPendingInvitation: u.pendingInvitations > 0,
    failedInvitations: u.failedInvitations,
    invitationExpiresAt: u.invitationExpiresAt?.toISOString() ?? null,
    suggestedUsername: u.suggestedUsername,
  };
}

export class CreatedAccountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
}

export class SentInvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class UnitAccountOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: ['create', 'invite'] }) mode: 'create' | 'invite';
  @ApiPropertyOptional({ type: CreatedAccountResponse, nullable: true, description: 'mode create' })
  account: CreatedAccountResponse | null;
  @ApiPropertyOptional({ type: SentInvitationResponse, nullable: true, description: 'mode invite' })
  invitation: SentInvitationResponse | null;
}

export function toUnitAccountOutcomeResponse(o: UnitAccountOutcome): UnitAccountOutcomeResponse {
  return {
    unitId: o.unitId,
    mode: o.mode,
    account: o.account ? { id: o.account.id, username: o.account.username } : null,
    invitation: o.invitation
      ? {
          id: o.invitation.id,
          email: o.invitation.email,
          expiresAt: o.invitation.expiresAt.toISOString(),
        }
      : null,
  };
}
