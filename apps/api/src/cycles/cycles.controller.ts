import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CyclesService, ReportsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { ListCyclesQuery, OpenCycleDto, UpdateProfileDto } from './dto/cycle.dto';
import {
  CycleSummaryResponse,
  EffectiveProfileResponse,
  OpenedCycleResponse,
  SupervisionProfileResponse,
  toCycleSummaryResponse,
  toEffectiveProfileResponse,
  toOpenedCycleResponse,
  toSupervisionProfileResponse,
} from './dto/cycle.response';
import {
  ListCycleReportsQuery,
  ReportPageResponse,
  toReportPageResponse,
  toUnitProgressResponse,
  UnitProgressResponse,
} from '../reports/dto/report.response';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller()
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reports: ReportsService,
  ) {}

  @Post('cycles')
  @Roles('office')
  @ApiOperation({ summary: 'Open a reporting cycle by hand (idempotent per document and period)' })
  @ApiCreatedResponse({ type: OpenedCycleResponse })
  async open(
    @CurrentActor() actor: Actor,
    @Body() dto: OpenCycleDto,
  ): Promise<OpenedCycleResponse> {
    return toOpenedCycleResponse(await this.cycles.open(actor, dto.documentId, dto.period));
  }

  @Get('cycles')
  @Roles('office', 'leader')
  @ApiOperation({ summary: 'Cycles with their submission and acceptance rates' })
  @ApiOkResponse({ type: [CycleSummaryResponse] })
  async list(@Query() q: ListCyclesQuery): Promise<CycleSummaryResponse[]> {
    return (await this.cycles.list(q)).map(toCycleSummaryResponse);
  }

  @Get('cycles/:id/reports')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary: "A cycle's reports: all for the office and leaders, your unit's for an agency",
  })
  @ApiOkResponse({ type: ReportPageResponse })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a bad limit or cursor (named)' })
  async reportsOf(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Query() q: ListCycleReportsQuery,
  ): Promise<ReportPageResponse> {
    return toReportPageResponse(await this.reports.listForCycle(actor, id, q));
  }

  @Get('cycles/:id/units')
  @Roles('office', 'leader')
  @ApiOperation({
    summary: "A cycle's reports counted per unit: filed, waiting for review, late",
  })
  @ApiOkResponse({ type: [UnitProgressResponse] })
  async unitsOf(@Param() { id }: UuidParam): Promise<UnitProgressResponse[]> {
    return (await this.reports.unitProgress(id)).map(toUnitProgressResponse);
  }

  @Get('documents/:id/supervision-profile')
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      "A document's effective supervision profile (its clauses, the office's edits, the defaults)",
  })
  @ApiOkResponse({ type: EffectiveProfileResponse })
  async profile(@Param() { id }: UuidParam): Promise<EffectiveProfileResponse> {
    return toEffectiveProfileResponse(await this.cycles.getProfile(id));
  }

  @Patch('documents/:id/supervision-profile')
  @Roles('office')
  @ApiOperation({ summary: "Change a document's supervision profile (cycles opened later use it)" })
  @ApiOkResponse({ type: SupervisionProfileResponse })
  async updateProfile(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: UpdateProfileDto,
  ): Promise<SupervisionProfileResponse> {
    return toSupervisionProfileResponse(await this.cycles.updateProfile(actor, id, dto));
  }
}
