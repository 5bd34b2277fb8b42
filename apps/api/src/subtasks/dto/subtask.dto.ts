import { applyDecorators } from '@nestjs/common';
import { UnitRefResponse } from '../../assignments/dto/assignment.response';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDateOnly, IsText } from '@tracker/common';
import { SUBTASK_STATUSES, SubtaskStatus } from '@tracker/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** A figure against one of the task's targets, named by its position in the task's targets. */
export class TargetFigureDto {
  @ApiProperty({
    minimum: 0,
    maximum: 999,
    description: "The target's position in the task's targets",
  })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be 0 or more' })
  @Max(999, { message: 'must be 999 or less' })
  index: number;

  @ApiProperty({ example: 20, minimum: -1e12, maximum: 1e12 })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 },
    { message: 'must be a number (at most 6 decimal places)' },
  )
  @Min(-1e12, { message: 'must be -1e12 or more' })
  @Max(1e12, { message: 'must be 1e12 or less' })
  value: number;
}

const figures = (description: string): PropertyDecorator[] => [
  ApiPropertyOptional({ type: [TargetFigureDto], maxItems: 100, description }),
  IsOptional(),
  IsArray({ message: 'must be a list' }),
  ArrayMaxSize(100),
  IsObject({ each: true, message: 'each entry must be an object { index, value }' }),
  ValidateNested({ each: true }),
  Type(() => TargetFigureDto),
];
export class CreateSubtaskDto {
  @IsText({ min: 1, max: 500 })
  title: string;

  @ApiProperty({ description: 'The division (处室) or person the part is handed to (free text)' })
  @IsText({ min: 1, max: 200 })
  ownerName: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  ownerEmail?: string | null;

  @ApiProperty({
    example: '2020-09-30',
    description: "Date only; not after the task's deadline when the task has one",
  })
  @IsDateOnly()
  dueOn: string;

  @applyDecorators(...figures("The sub-task's share of each of the task's targets"))
  shares?: TargetFigureDto[];

  @IsText({ max: 5_000, multiline: true, optional: true })
  note?: string;
}

export class UpdateSubtaskDto extends PartialType(CreateSubtaskDto) {}

export class SubtaskProgressDto {
  @ApiProperty({ enum: SUBTASK_STATUSES })
  @IsIn(SUBTASK_STATUSES, { message: `must be one of ${SUBTASK_STATUSES.join(', ')}` })
  status: SubtaskStatus;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt({ message: 'must be a whole number from 0 to 100' })
  @Min(0, { message: 'must be a whole number from 0 to 100' })
  @Max(100, { message: 'must be a whole number from 0 to 100' })
  percent: number;

  @applyDecorators(...figures('What the sub-task achieved against each target so far'))
  reported?: TargetFigureDto[];

  @IsText({ max: 2_000, multiline: true, optional: true })
  note?: string;
}

export class TargetFigureResponse {
  @ApiProperty() index: number;
  @ApiProperty() value: number;
}

export class SubtaskResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: UnitRefResponse, description: 'The lead unit that handed it down' })
  unit: UnitRefResponse;
  @ApiProperty() title: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ type: String, nullable: true }) ownerEmail: string | null;
  @ApiProperty({ example: '2020-09-30' }) dueOn: string;
  @ApiProperty({ type: [TargetFigureResponse] }) shares: TargetFigureResponse[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: SUBTASK_STATUSES }) status: SubtaskStatus;
  @ApiProperty() percent: number;
  @ApiProperty({ type: [TargetFigureResponse] }) reported: TargetFigureResponse[];
  @ApiProperty({ type: String, nullable: true }) progressNote: string | null;
  @ApiProperty({ type: Date, nullable: true }) progressAt: Date | null;
  @ApiProperty({
    enum: ['red', 'amber', 'green', 'done'],
    description: "The tasks' status colour rule: red once past its deadline and not done",
  })
  colour: 'red' | 'amber' | 'green' | 'done';
  @ApiProperty() isOverdue: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SubtaskTreeResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: "Whether the caller's unit leads the task (writes its sub-tasks)" })
  canWrite: boolean;
  @ApiProperty({ type: [SubtaskResponse] }) subtasks: SubtaskResponse[];
}

export class RolledUpValueResponse {
  @ApiProperty() index: number;
  @ApiProperty() target: string;
  @ApiProperty({ description: "The sum of the sub-tasks' reported values" }) value: number;
}

export class SubtaskDraftResponse {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() subtaskCount: number;
  @ApiProperty({ description: "A Chinese summary of the sub-tasks' progress" }) narrative: string;
  @ApiProperty({ type: [RolledUpValueResponse] }) targetValues: RolledUpValueResponse[];
}
