import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ReportsService, ReportView } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  ContributionDto,
  ReportContentDto,
  ReturnReportDto,
  ReviewCommentDto,
} from './dto/report.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id')
  @Roles('office', 'leader', 'agency')
  @ApiNotFoundResponse({
    description: 'REPORT_NOT_FOUND: missing, or not a report your unit leads or supports',
  })
  get(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<ReportView> {
    return this.reports.get(actor, id);
  }

  @Get(':id/revisions')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: 'Every submitted version of a report' })
  revisions(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<unknown[]> {
    return this.reports.revisions(actor, id);
  }

  @Put(':id/draft')
  @Roles('agency')
  @ApiOperation({ summary: 'Lead unit saves a draft' })
  draft(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReportContentDto,
  ): Promise<ReportView> {
    return this.reports.saveDraft(actor, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('agency')
  @ApiOperation({ summary: 'Lead unit submits (stops the ladder at once)' })
  submit(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReportContentDto,
  ): Promise<ReportView> {
    return this.reports.submit(actor, id, dto);
  }

  @Put(':id/contribution')
  @Roles('agency')
  @ApiOperation({ summary: "Supporting unit adds its part to the lead unit's report" })
  contribute(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ContributionDto,
  ): Promise<ReportView> {
    return this.reports.contribute(actor, id, dto.text);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('office')
  accept(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReviewCommentDto,
  ): Promise<ReportView> {
    return this.reports.accept(actor, id, dto.comment);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Return for revision with a comment (a new due time and ladder epoch)' })
  returnForRevision(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReturnReportDto,
  ): Promise<ReportView> {
    return this.reports.returnForRevision(actor, id, dto.comment);
  }
}
