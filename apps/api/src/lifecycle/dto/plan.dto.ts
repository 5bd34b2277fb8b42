import { ApiProperty } from '@nestjs/swagger';
import { IsPeriod } from '@tracker/common';
import { IsInt, IsUUID, Max, Min, ValidateIf } from 'class-validator';

export class SetHorizonDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2022,
    description: "The plan's last year; null goes back to the year read from its text",
  })
  @ValidateIf((d: SetHorizonDto) => d.horizonYear !== null)
  @IsInt({ message: 'must be a year like 2022, or null' })
  @Min(2000, { message: 'must be 2000 or later' })
  @Max(2099, { message: 'must be 2099 or earlier' })
  horizonYear: number | null;
}

export class PreviewCycleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  documentId: string;

  @IsPeriod()
  period: string;
}
