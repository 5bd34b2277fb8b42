import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOneOf, IsPeriod } from '@tracker/common';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CADENCES, Cadence } from '@tracker/domain';

export class OpenCycleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  documentId: string;

  @IsPeriod()
  period: string;
}

export class ListCyclesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;

  @IsPeriod({ optional: true })
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
  @IsOneOf(CADENCES, { optional: true })
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
