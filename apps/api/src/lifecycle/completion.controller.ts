import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, TaskClosingService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { CloseTaskDto, ReturnCompletionDto } from './dto/completion.dto';
import { TaskCompletionResponse, toTaskCompletionResponse } from './dto/lifecycle.response';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class CompletionController {
  constructor(private readonly closing: TaskClosingService) {}

  @Post('reports/:id/completion-request')
  @HttpCode(200)
  @Roles('agency')
  @ApiOperation({
    summary: 'The lead unit asks for its task to be closed (办结申请) with this filed report',
  })
  @ApiOkResponse({ type: TaskCompletionResponse })
  async request(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<TaskCompletionResponse> {
    return toTaskCompletionResponse(await this.closing.request(actor, id));
  }

  @Get('completion-requests')
  @Roles('office')
  @ApiOperation({ summary: 'Completion requests waiting for the office to verify, oldest first' })
  @ApiOkResponse({ type: [TaskCompletionResponse] })
  async pending(): Promise<TaskCompletionResponse[]> {
    return (await this.closing.pending()).map(toTaskCompletionResponse);
  }

  @Get('tasks/:id/completion')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary: "A task's end: open, completion requested, returned (with the comment) or closed",
  })
  @ApiOkResponse({ type: TaskCompletionResponse })
  async get(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<TaskCompletionResponse> {
    return toTaskCompletionResponse(await this.closing.get(actor, id));
  }

  @Post('tasks/:id/close')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Verify and close (销号) a task whose lead unit asked; it leaves the ladder',
  })
  @ApiOkResponse({ type: TaskCompletionResponse })
  async close(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: CloseTaskDto,
  ): Promise<TaskCompletionResponse> {
    return toTaskCompletionResponse(await this.closing.close(actor, id, dto.comment ?? null));
  }

  @Post('tasks/:id/return-completion')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Return a completion request with a comment; the task stays open' })
  @ApiOkResponse({ type: TaskCompletionResponse })
  async returnRequest(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReturnCompletionDto,
  ): Promise<TaskCompletionResponse> {
    return toTaskCompletionResponse(await this.closing.returnRequest(actor, id, dto.comment));
  }
}
