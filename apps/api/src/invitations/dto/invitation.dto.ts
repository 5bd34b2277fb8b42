import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { InvitationView } from '@tracker/services';
import { USERNAME_PATTERN, USERNAME_RULE } from '../../documents/dto/unit-accounts.dto';

const TOKEN = /^[A-Za-z0-9_-]{10,64}\.[A-Za-z0-9_-]{10,64}$/;

export class InvitationTokenQuery {
  @ApiProperty()
  @IsString()
  @Matches(TOKEN, { message: 'must be an invitation token' })
  token: string;
}

export class AcceptInvitationDto extends InvitationTokenQuery {
  @ApiProperty({ example: 'gx-kjt' })
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;
}

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() unit: { id: string; name: string };
  @ApiPropertyOptional({ nullable: true }) document: { id: string; title: string | null } | null;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'a username the invitee may take' }) suggestedUsername: string;
}

export function toInvitationResponse(v: InvitationView): InvitationResponse {
  return {
    id: v.id,
    unit: v.unit,
    document: v.document,
    email: v.email,
    expiresAt: v.expiresAt.toISOString(),
    suggestedUsername: v.suggestedUsername,
  };
}
