import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, TasksService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { ListAllTasksQuery } from './dto/list-tasks.query';
import {
  TaskDetailResponse,
  TaskPageResponse,
  toTaskDetailResponse,
  toTaskPageResponse,
} from './dto/task.response';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary: "Tasks: every task for office and leaders, your unit's for an agency member",
  })
  @ApiOkResponse({ type: TaskPageResponse })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListAllTasksQuery,
  ): Promise<TaskPageResponse> {
    return toTaskPageResponse(await this.tasks.list(actor, query));
  }

  @Get(':id')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: 'One task with its assignments, reports, notices and history' })
  @ApiOkResponse({ type: TaskDetailResponse })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND: missing, or not a task of your unit' })
  async findOne(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<TaskDetailResponse> {
    return toTaskDetailResponse(await this.tasks.findOne(actor, id));
  }
}
