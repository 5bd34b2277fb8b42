import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the last renewal (single use: it rotates)' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}
