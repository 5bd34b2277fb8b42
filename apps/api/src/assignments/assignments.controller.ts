import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AssignmentsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  AssignmentResponse,
  ReassignResponse,
  toAssignmentResponse,
  toReassignResponse,
} from './dto/assignment.response';
import { DeclineAssignmentDto } from './dto/decline-assignment.dto';
import { ReassignAssignmentDto } from './dto/reassign-assignment.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get('declined')
  @Roles('office')
  @ApiOperation({ summary: 'Declined assignments waiting for the office to reassign them' })
  @ApiOkResponse({ type: [AssignmentResponse] })
  async declined(): Promise<AssignmentResponse[]> {
    return (await this.assignments.listDeclined()).map(toAssignmentResponse);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('agency')
  @ApiOperation({
    summary: '签收: acknowledge an assignment of your unit (repeating it changes nothing)',
  })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiNotFoundResponse({ description: "ASSIGNMENT_NOT_FOUND: missing or another unit's" })
  @ApiConflictResponse({ description: 'ASSIGNMENT_STATE_CONFLICT: declined or reassigned' })
  async acknowledge(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<AssignmentResponse> {
    return toAssignmentResponse(await this.assignments.acknowledge(actor, id));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('agency')
  @ApiOperation({
    summary:
      '退回: decline an assignment of your unit with a reason; the office is notified and reassigns',
  })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiNotFoundResponse({ description: "ASSIGNMENT_NOT_FOUND: missing or another unit's" })
  @ApiConflictResponse({ description: 'ASSIGNMENT_STATE_CONFLICT: already declined or reassigned' })
  async decline(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: DeclineAssignmentDto,
  ): Promise<AssignmentResponse> {
    return toAssignmentResponse(await this.assignments.decline(actor, id, dto.reason));
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Office: hand a declined assignment to other units (audited)' })
  @ApiOkResponse({ type: ReassignResponse })
  @ApiNotFoundResponse({ description: 'ASSIGNMENT_NOT_FOUND or UNIT_NOT_FOUND' })
  @ApiConflictResponse({
    description: 'ASSIGNMENT_STATE_CONFLICT: not declined, or a unit already holds the task',
  })
  async reassign(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReassignAssignmentDto,
  ): Promise<ReassignResponse> {
    return toReassignResponse(await this.assignments.reassign(actor, id, dto.unitIds, dto.note));
  }
}
