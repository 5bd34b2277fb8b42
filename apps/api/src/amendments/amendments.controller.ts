import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AmendmentsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { AmendTaskDto } from './dto/amend-task.dto';
import { TaskVersionResponse, toTaskVersionResponse } from './dto/task-version.response';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks/:id')
export class AmendmentsController {
  constructor(private readonly amendments: AmendmentsService) {}

  @Post('amendments')
  @Roles('office')
  @ApiOperation({
    summary:
      'Amend (动态调整) a task: units, deadline, targets or text, with a reason; a new version in force from now, the ladder re-timed',
  })
  @ApiCreatedResponse({ type: TaskVersionResponse })
  async amend(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() { reason, ...change }: AmendTaskDto,
  ): Promise<TaskVersionResponse> {
    return toTaskVersionResponse(await this.amendments.amend(actor, id, change, reason));
  }

  @Get('versions')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: "The task's versions, oldest first (version 1 as imported)" })
  @ApiOkResponse({ type: [TaskVersionResponse] })
  async versions(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<TaskVersionResponse[]> {
    return (await this.amendments.versions(actor, id)).map(toTaskVersionResponse);
  }
}
