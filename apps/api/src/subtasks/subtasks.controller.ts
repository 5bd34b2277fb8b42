import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, SubtasksService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  CreateSubtaskDto,
  SubtaskDraftResponse,
  SubtaskProgressDto,
  SubtaskResponse,
  SubtaskTreeResponse,
  UpdateSubtaskDto,
} from './dto/subtask.dto';

const text = (v: string | undefined): string | null => v?.trim() || null;

/** 分解下达: a lead unit's sub-tasks of a task, their progress, and its report draft from them. */
@ApiTags('subtasks')
@ApiBearerAuth()
@Controller()
export class SubtasksController {
  constructor(private readonly subtasks: SubtasksService) {}

  @Get('tasks/:id/subtasks')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: "The task's sub-tasks (the task's own units, the office and leaders)" })
  @ApiOkResponse({ type: SubtaskTreeResponse })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND: missing, or not a task of your unit' })
  list(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<SubtaskTreeResponse> {
    return this.subtasks.listForTask(actor, id);
  }

  @Post('tasks/:id/subtasks')
  @Roles('agency')
  @ApiOperation({ summary: 'Hand a part of the task down as a sub-task (the lead unit only)' })
  @ApiCreatedResponse({ type: SubtaskResponse })
  @ApiBadRequestResponse({
    description: "VALIDATION_FAILED naming the fields (dueOn after the task's deadline)",
  })
  @ApiForbiddenResponse({ description: 'SUBTASK_LEAD_ONLY: your unit supports the task' })
  create(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: CreateSubtaskDto,
  ): Promise<SubtaskResponse> {
    return this.subtasks.create(actor, id, {
      title: dto.title.trim(),
      ownerName: dto.ownerName.trim(),
      ownerEmail: dto.ownerEmail?.trim() || null,
      dueOn: dto.dueOn,
      shares: dto.shares ?? [],
      note: text(dto.note),
    });
  }

  @Patch('subtasks/:id')
  @Roles('agency')
  @ApiOperation({ summary: 'Edit a sub-task (the lead unit only); absent fields are kept' })
  @ApiOkResponse({ type: SubtaskResponse })
  @ApiNotFoundResponse({ description: 'SUBTASK_NOT_FOUND' })
  update(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: UpdateSubtaskDto,
  ): Promise<SubtaskResponse> {
    return this.subtasks.update(actor, id, {
      title: dto.title?.trim(),
      ownerName: dto.ownerName?.trim(),
      ownerEmail: dto.ownerEmail === undefined ? undefined : dto.ownerEmail?.trim() || null,
      dueOn: dto.dueOn,
      shares: dto.shares,
      note: dto.note === undefined ? undefined : text(dto.note),
    });
  }

  @Delete('subtasks/:id')
  @Roles('agency')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a sub-task (the lead unit only); the timeline keeps its record',
  })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<void> {
    await this.subtasks.remove(actor, id);
  }

  @Put('subtasks/:id/progress')
  @Roles('agency')
  @ApiOperation({ summary: "Record a sub-task's progress: status, percent, reported values, note" })
  @ApiOkResponse({ type: SubtaskResponse })
  progress(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: SubtaskProgressDto,
  ): Promise<SubtaskResponse> {
    return this.subtasks.recordProgress(actor, id, {
      status: dto.status,
      percent: dto.percent,
      reported: dto.reported ?? [],
      progressNote: text(dto.note),
    });
  }

  @Post('reports/:id/draft-from-subtasks')
  @Roles('agency')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "汇总子任务进展: the report's narrative and target values from its unit's sub-tasks, proposed and not saved",
    description:
      'Answers the proposed draft only; the lead edits it and saves it with PUT /api/reports/:id/draft or files it.',
  })
  @ApiOkResponse({ type: SubtaskDraftResponse })
  @ApiNotFoundResponse({
    description: 'REPORT_NOT_FOUND: missing, or not a report your unit leads',
  })
  draft(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<SubtaskDraftResponse> {
    return this.subtasks.draftFromSubtasks(actor, id);
  }
}
