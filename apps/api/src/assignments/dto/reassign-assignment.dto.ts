import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { NoControlChars } from '@tracker/common';

export class ReassignAssignmentDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "Units that take the task over, in the declined assignment's role",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each value must be a UUID' })
  unitIds: string[];

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoControlChars(true)
  note?: string;
}
