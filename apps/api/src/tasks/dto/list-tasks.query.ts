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
import { IntQuery, IsDateOnly } from '@tracker/common';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListTasksQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;

  @ApiPropertyOptional({ enum: TASK_STATES, description: "The task's state" })
  @IsOptional()
  @IsIn(TASK_STATES as unknown as string[])
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

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'number' })
  @IsOptional()
  @IsIn(TASK_SORTS as unknown as string[])
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
  @ApiPropertyOptional({
    enum: ASSIGNMENT_ROLES,
    description: 'As lead (牵头) or as support (配合); both when absent',
  })
  @IsOptional()
  @IsIn(ASSIGNMENT_ROLES as unknown as string[])
  role?: AssignmentRole;

  @ApiPropertyOptional({
    enum: ASSIGNMENT_STATES,
    description: "Your assignment's state (签收状态)",
  })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATES as unknown as string[])
  ackState?: AssignmentState;
}
