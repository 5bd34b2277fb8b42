import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NoControlChars } from '@tracker/common';

const NO_LINKS = /^(?![\s\S]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.))[\s\S]*$/i;

export class PasswordHelpDto {
  @ApiProperty({ example: 'gx-kjt', description: 'The account whose password is forgotten' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlChars()
  username: string;

  @ApiPropertyOptional({
    example: '科技厅督查联络员张三，电话 0771-0000000',
    description:
      'Who asks and how to reach them, for the admin (at most 500 characters, no links: it is mailed to the admins as the tracker)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlChars(true)
  // Anyone may write it and it reaches the admins in the tracker's own mail: no link rides along.
  @Matches(NO_LINKS, { message: 'must not contain links' })
  note?: string;
}

export class PasswordHelpResponse {
  @ApiProperty({ example: '如该账号存在且可用，系统管理员已收到您的申请，将核实后为您重置密码。' })
  message: string;

  @ApiProperty({
    example:
      'If the account exists and is active, the admins have your request and will reset its password once they have checked who asked.',
  })
  messageEn: string;
}

/** The one answer to every accepted request, whether or not the account exists. */
export const PASSWORD_HELP_ANSWER: PasswordHelpResponse = {
  message: '如该账号存在且可用，系统管理员已收到您的申请，将核实后为您重置密码。',
  messageEn:
    'If the account exists and is active, the admins have your request and will reset its password once they have checked who asked.',
};
