import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CADENCES, Cadence } from '@tracker/domain';

export class OpenCycleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  documentId: string;

  @ApiProperty({ example: '2020-Q3' })
  @Matches(/^[0-9]{4}-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$/, {
    message: 'must be a period like 2020-Q3',
  })
  period: string;
}

export class ListCyclesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;

  @ApiPropertyOptional({ example: '2020-Q3' })
  @IsOptional()
  @Matches(/^[0-9]{4}-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$/, {
    message: 'must be a period like 2020-Q3',
  })
  period?: string;
}

const Days = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  IsInt({ message: 'must be a whole number of days' })(target, key);
  Min(0)(target, key);
  Max(120)(target, key);
  ApiPropertyOptional({ minimum: 0, maximum: 120 })(target, key);
};

/** The office edits a document's supervision profile: only the fields given change. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ enum: CADENCES })
  @IsOptional()
  @IsIn(CADENCES as unknown as string[])
  cadence?: Cadence;
  @Days() dueOffsetDays?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  countWorkingDays?: boolean;
  @Days() reminderDaysBefore?: number;
  @Days() overdueDaysAfter?: number;
  @Days() supervisionDaysAfter?: number;
  @Days() leadingGroupDaysAfter?: number;
  @Days() ackReminderDays?: number;
  @Days() ackOverdueDays?: number;
  @Days() revisionDays?: number;
}
