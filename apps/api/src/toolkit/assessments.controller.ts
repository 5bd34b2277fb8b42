import { Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AssessmentsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { attachment, fileResponse, XLSX } from '../common/file-response';
import { UuidParam } from '../common/uuid.param';
import {
  AdjustScoreDto,
  AssessmentPeriodQuery,
  AssessmentSchemeDto,
  UnitParams,
} from './dto/assessment.dto';
import {
  DocumentAssessmentResponse,
  SchemeViewResponse,
  toDocumentAssessmentResponse,
  toSchemeViewResponse,
  toUnitAssessmentResponse,
  UnitAssessmentResponse,
} from './dto/assessment.response';

@ApiTags('assessment')
@ApiBearerAuth()
@Controller('documents/:id')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get('assessment')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary:
      '考核评估 of a period: each unit’s score, rank and the events behind each point (an agency member: its own unit)',
  })
  @ApiOkResponse({ type: DocumentAssessmentResponse })
  async assess(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Query() { period }: AssessmentPeriodQuery,
  ): Promise<DocumentAssessmentResponse> {
    return toDocumentAssessmentResponse(await this.assessments.assess(actor, id, period));
  }

  @Get('assessment/units/:unitId')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary: "One unit's score and breakdown; another unit's answers 404 for an agency member",
  })
  @ApiOkResponse({ type: UnitAssessmentResponse })
  async unit(
    @CurrentActor() actor: Actor,
    @Param() { id, unitId }: UnitParams,
    @Query() { period }: AssessmentPeriodQuery,
  ): Promise<UnitAssessmentResponse> {
    return toUnitAssessmentResponse(
      await this.assessments.unitBreakdown(actor, id, unitId, period),
    );
  }

  @Get('assessment/workbook')
  @Roles('office', 'leader')
  @ApiOperation({ summary: 'The assessment as .xlsx: 得分排名 and 计分明细' })
  @ApiProduces(XLSX)
  @ApiOkResponse(fileResponse(XLSX, 'the workbook, as an attachment'))
  async workbook(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Query() { period }: AssessmentPeriodQuery,
  ): Promise<StreamableFile> {
    const file = await this.assessments.workbook(actor, id, period);
    return attachment(file.content, XLSX, 'assessment.xlsx', file.filename);
  }

  @Post('assessment/adjustments')
  @Roles('office')
  @ApiOperation({ summary: 'Adjust a unit’s score for a period by hand, with a reason (audited)' })
  @ApiCreatedResponse({ type: UnitAssessmentResponse, description: "the unit's new breakdown" })
  async adjust(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: AdjustScoreDto,
  ): Promise<UnitAssessmentResponse> {
    return toUnitAssessmentResponse(await this.assessments.adjust(actor, id, dto));
  }

  @Get('assessment-scheme')
  @Roles('office', 'leader')
  @ApiOperation({
    summary: "The document's scoring scheme (the default until the office edits it)",
  })
  @ApiOkResponse({ type: SchemeViewResponse })
  async scheme(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<SchemeViewResponse> {
    return toSchemeViewResponse(await this.assessments.scheme(actor, id));
  }

  @Put('assessment-scheme')
  @Roles('office')
  @ApiOperation({
    summary: 'Edit the scoring scheme (audited); scores are recomputed from the records',
  })
  @ApiOkResponse({ type: SchemeViewResponse })
  async updateScheme(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: AssessmentSchemeDto,
  ): Promise<SchemeViewResponse> {
    return toSchemeViewResponse(await this.assessments.updateScheme(actor, id, dto));
  }
}
