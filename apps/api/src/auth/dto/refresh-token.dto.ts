import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RefreshTokenDto {
  @ApiPropertyOptional({
    description:
      'The refresh token from sign-in or the last renewal (single use: it rotates). Omit it to use the tracker_refresh cookie.',
  })
  @IsOptional()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  @Matches(/^[\x21-\x7e]+$/, { message: 'must be a refresh token' })
  refreshToken?: string;
}
