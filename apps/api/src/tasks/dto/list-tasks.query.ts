import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATES,
  AssignmentRole,
  AssignmentState,
  TASK_STATES,
  TaskState,
} from '@tracker/domain';
import { TASK_SORTS, TaskSort } from '@tracker/services';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IntQuery, IsDateOnly, IsOneOf } from '@tracker/common';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListTasksQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;

  @IsOneOf(TASK_STATES, { optional: true, description: "The task's state" })
  status?: TaskState;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Deadline (完成时限) before this date',
    example: '2020-12-31',
  })
  @IsOptional()
  @IsDateOnly()
  dueBefore?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only open tasks past their deadline (true) or only the others (false)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @IsOneOf(TASK_SORTS, { optional: true, default: 'number' })
  sort?: TaskSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  // Bounded so that (page - 1) * pageSize stays a small OFFSET.
  @IntQuery(1, 10_000, 'default 1')
  page?: number;

  @IntQuery(1, 100, 'default 20')
  pageSize?: number;
}

export class ListAllTasksQuery extends ListTasksQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Tasks of one unit (its former names included)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;
}

export class ListMyTasksQuery extends ListTasksQuery {
  @IsOneOf(ASSIGNMENT_ROLES, {
    optional: true,
    description: 'As lead (牵头) or as support (配合); both when absent',
  })
  role?: AssignmentRole;

  @IsOneOf(ASSIGNMENT_STATES, {
    optional: true,
    description: "Your assignment's state (签收状态)",
  })
  ackState?: AssignmentState;
}
