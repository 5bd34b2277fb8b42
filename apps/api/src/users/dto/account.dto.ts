import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsText } from '@tracker/common';
import { Role, ROLES } from '@tracker/domain';

export class CreateAccountDto {
  @ApiProperty({ example: 'gx-kjt-zhang' })
  @Matches(/^[a-z0-9][a-z0-9._-]{1,62}$/, { message: 'username must be 2–63 lowercase letters, digits, ".", "_" or "-"' })
  username: string;

  @ApiProperty({ example: '张三（自治区科技厅）' })
  @IsText({ min: 1, max: 100 })
  displayName: string;

  @ApiPropertyOptional({ example: 'zhang@example.gov.cn', nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Required for agency accounts' })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({ description: 'The unit head receives supervision notices (督办)' })
  @IsOptional()
  @IsBoolean()
  isUnitHead?: boolean;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;
}

export class UpdateAccountDto {
  @IsText({ min: 1, max: 100, optional: true })
  displayName?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isUnitHead?: boolean;

  @ApiPropertyOptional({ description: 'Disabling ends every session of the account at once' })
  @IsOptional()
  @IsBoolean()
  isDisabled?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;
}
