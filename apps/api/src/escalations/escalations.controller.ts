import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, EscalationsService, EscalationView, OverdueWatchService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  EscalationItemResponse,
  EscalationPageResponse,
  ListEscalationsQuery,
  ListOverdueQuery,
  OverdueReportResponse,
  ReviewEscalationDto,
  toEscalationItemResponse,
  toEscalationPageResponse,
  toOverdueReportResponse,
} from './dto/escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly overdue: OverdueWatchService,
  ) {}

  @Get()
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      'Escalations, filtered by level, state, cycle, unit, document or period; a page at a time',
  })
  @ApiOkResponse({ type: EscalationPageResponse })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a bad limit or cursor (named)' })
  async list(@Query() q: ListEscalationsQuery): Promise<EscalationPageResponse> {
    return toEscalationPageResponse(await this.escalations.list(q));
  }

  @Get('overdue')
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      "The board's level-1 lane: reports whose overdue notice went out and that stand on no higher rung",
  })
  @ApiOkResponse({ type: [OverdueReportResponse] })
  async listOverdue(@Query() q: ListOverdueQuery): Promise<OverdueReportResponse[]> {
    return (await this.overdue.list(q)).map(toOverdueReportResponse);
  }

  @Get(':id')
  @Roles('office', 'leader')
  @ApiOperation({ summary: 'One escalation' })
  @ApiOkResponse({ type: EscalationItemResponse })
  async get(@Param() { id }: UuidParam): Promise<EscalationItemResponse> {
    return toEscalationItemResponse(await this.escalations.get(id));
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Grant an extension (re-times the ladder), issue a supervision order, or resolve',
  })
  @ApiOkResponse({ type: EscalationItemResponse })
  async review(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReviewEscalationDto,
  ): Promise<EscalationItemResponse> {
    return toEscalationItemResponse(await this.decide(actor, id, dto));
  }

  private decide(actor: Actor, id: string, dto: ReviewEscalationDto): Promise<EscalationView> {
    switch (dto.decision) {
      case 'grant-extension':
        return this.escalations.grantExtension(actor, id, dto.dueOn as string, dto.comment);
      case 'supervise':
        return this.escalations.issueSupervisionOrder(actor, id, dto.comment as string);
      case 'resolve':
        return this.escalations.resolve(actor, id, dto.comment);
    }
  }
}
