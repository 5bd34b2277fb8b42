import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CloseTaskDto {
  @ApiPropertyOptional({ description: "The office's note on closing (销号)", maxLength: 5000 })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(5_000, { message: 'must be at most 5000 characters' })
  comment?: string;
}

export class ReturnCompletionDto {
  @ApiProperty({
    description: 'Why the task is not done yet (shown to the lead unit)',
    maxLength: 5000,
  })
  @IsString({ message: 'must be text' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(5_000, { message: 'must be at most 5000 characters' })
  comment: string;
}
