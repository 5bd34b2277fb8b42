import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class MoveClockDto {
  @ApiPropertyOptional({
    description: 'Set business time to this instant',
    example: '2020-10-12T09:00:00+08:00',
  })
  @IsOptional()
  @IsString({ message: 'must be an ISO 8601 instant' })
  @MaxLength(40)
  at?: string;

  @ApiPropertyOptional({
    description: 'Move business time on by this ISO 8601 duration',
    example: 'P1D',
  })
  @IsOptional()
  @IsString({ message: 'must be an ISO 8601 duration like P1D' })
  @MaxLength(40)
  advance?: string;
}
