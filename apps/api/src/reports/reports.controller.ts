import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ReportsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  ContributionDto,
  ReportContentDto,
  ReturnReportDto,
  ReviewCommentDto,
} from './dto/report.dto';
import {
  ReportItemResponse,
  ReportRevisionResponse,
  toReportItemResponse,
  toReportRevisionResponse,
} from './dto/report.response';

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
  @ApiOperation({ summary: "One report with the supporting units' parts" })
  @ApiOkResponse({ type: ReportItemResponse })
  async get(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<ReportItemResponse> {
    return toReportItemResponse(await this.reports.get(actor, id));
  }

  @Get(':id/revisions')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: 'Every submitted version of a report' })
  @ApiOkResponse({ type: [ReportRevisionResponse] })
  async revisions(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<ReportRevisionResponse[]> {
    return (await this.reports.revisions(actor, id)).map(toReportRevisionResponse);
  }

  @Put(':id/draft')
  @Roles('agency')
  @ApiOperation({ summary: 'Lead unit saves a draft' })
  @ApiOkResponse({ type: ReportItemResponse })
  async draft(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReportContentDto,
  ): Promise<ReportItemResponse> {
    return toReportItemResponse(await this.reports.saveDraft(actor, id, dto));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('agency')
  @ApiOperation({ summary: 'Lead unit submits (stops the ladder at once)' })
  @ApiOkResponse({ type: ReportItemResponse })
  async submit(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReportContentDto,
  ): Promise<ReportItemResponse> {
    return toReportItemResponse(await this.reports.submit(actor, id, dto));
  }

  @Put(':id/contribution')
  @Roles('agency')
  @ApiOperation({ summary: "Supporting unit adds its part to the lead unit's report" })
  @ApiOkResponse({ type: ReportItemResponse })
  async contribute(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ContributionDto,
  ): Promise<ReportItemResponse> {
    return toReportItemResponse(await this.reports.contribute(actor, id, dto.text));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('office')
  @ApiOkResponse({ type: ReportItemResponse })
  async accept(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReviewCommentDto,
  ): Promise<ReportItemResponse> {
    return toReportItemResponse(await this.reports.accept(actor, id, dto.comment));
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Return for revision with a comment (a new due time and ladder epoch)' })
  @ApiOkResponse({ type: ReportItemResponse })
  async returnForRevision(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ReturnReportDto,
  ): Promise<ReportItemResponse> {
    return toReportItemResponse(await this.reports.returnForRevision(actor, id, dto.comment));
  }
}
