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

export class InvitationUnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class InvitationDocumentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
}

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: InvitationUnitResponse }) unit: InvitationUnitResponse;
  @ApiPropertyOptional({
    type: InvitationDocumentResponse,
    nullable: true,
    description: 'the document whose import invited the unit, if any',
  })
  document: InvitationDocumentResponse | null;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'a username the invitee may take' }) suggestedUsername: string;
}

export function toInvitationResponse(v: InvitationView): InvitationResponse {
  return {
    id: v.id,
    unit: { id: v.unit.id, name: v.unit.name },
    document: v.document ? { id: v.document.id, title: v.document.title } : null,
    email: v.email,
    expiresAt: v.expiresAt.toISOString(),
    suggestedUsername: v.suggestedUsername,
  };
}
