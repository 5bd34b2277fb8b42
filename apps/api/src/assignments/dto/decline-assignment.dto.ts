import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { NoControlChars } from '@tracker/common';

export class DeclineAssignmentDto {
  @ApiProperty({
    description: "退回理由: why the task is not this unit's",
    example: '该项工作不属于本单位职责范围',
    minLength: 2,
    maxLength: 1000,
  })
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  @NoControlChars(true)
  reason: string;
}
