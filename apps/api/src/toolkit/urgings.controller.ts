import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Actor, UrgingsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { UrgeTaskDto } from './dto/urge.dto';
import { toUrgingResponse, UrgingResponse } from './dto/urging.response';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks/:id/urgings')
export class UrgingsController {
  constructor(private readonly urgings: UrgingsService) {}

  @Post()
  @Roles('office')
  @ApiOperation({
    summary:
      'Urge (催办) a unit on the task: a notice mailed at once, on the timeline, audited; once per task, unit and day',
  })
  @ApiTooManyRequestsResponse({
    description:
      'URGE_LIMITED: the unit was already urged on this task today (nextAllowedOn says when)',
  })
  @ApiCreatedResponse({ type: UrgingResponse })
  async urge(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: UrgeTaskDto,
  ): Promise<UrgingResponse> {
    return toUrgingResponse(
      await this.urgings.urge(actor, id, dto.unitId, dto.comment?.trim() || null),
    );
  }

  @Get()
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: "The task's urgings, newest first (an agency member: its unit's own)" })
  @ApiOkResponse({ type: [UrgingResponse] })
  async list(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<UrgingResponse[]> {
    return (await this.urgings.listForTask(actor, id)).map(toUrgingResponse);
  }
}
