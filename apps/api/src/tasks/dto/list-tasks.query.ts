import { ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNMENT_ROLES, ASSIGNMENT_STATES, AssignmentRole, AssignmentState, TASK_STATES, TaskState } from '@tracker/domain';
import { TASK_SORTS, TaskSort } from '@tracker/services';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class ListTasksQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;

  @ApiPropertyOptional({ enum: TASK_STATES, description: "The task's state" })
  @IsOptional()
  @IsIn(TASK_STATES as unknown as string[])
  status?: TaskState;

  @ApiPropertyOptional({ format: 'date', description: 'Deadline (完成时限) before this date', example: '2020-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be a date (YYYY-MM-DD)' })
  dueBefore?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only open tasks past their deadline (true) or only the others (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'number' })
  @IsOptional()
  @IsIn(TASK_SORTS as unknown as string[])
  sort?: TaskSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class ListAllTasksQuery extends ListTasksQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks of one unit (its former names included)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;
}

export class ListMyTasksQuery extends ListTasksQuery {
  @ApiPropertyOptional({ enum: ASSIGNMENT_ROLES, description: 'As lead (牵头) or as support (配合); both when absent' })
  @IsOptional()
  @IsIn(ASSIGNMENT_ROLES as unknown as string[])
  role?: AssignmentRole;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATES, description: 'Your assignment\'s state (签收状态)' })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATES as unknown as string[])
  ackState?: AssignmentState;
}
