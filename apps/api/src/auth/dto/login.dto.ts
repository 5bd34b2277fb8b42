import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { NoControlChars } from '@tracker/common';

export class LoginDto {
  @ApiProperty({ example: 'office' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlChars()
  username: string;

  @ApiProperty({ example: 'demo', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}
