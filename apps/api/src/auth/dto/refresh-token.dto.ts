import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the last renewal (single use: it rotates)' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  @Matches(/^[\x21-\x7e]+$/, { message: 'must be a refresh token' })
  refreshToken: string;
}
