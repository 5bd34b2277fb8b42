import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  DocumentRevisionsService,
  DocumentsService,
  MidtermReviewService,
} from '@tracker/services';
import { MidtermReviewResponse, toMidtermReviewResponse } from './dto/midterm-review.response';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { attachment, fileResponse, XLSX } from '../common/file-response';
import { UuidParam } from '../common/uuid.param';
import { ReviseDocumentDto } from './dto/revise-document.dto';
import { RevisionResultResponse, toRevisionResultResponse } from './dto/revision.response';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents/:id')
export class DocumentRevisionsController {
  constructor(
    private readonly revisions: DocumentRevisionsService,
    private readonly documents: DocumentsService,
    private readonly midterm: MidtermReviewService,
  ) {}

  @Post('revisions')
  @Roles('office')
  @ApiOperation({
    summary:
      'Confirm a revised text of an imported document (same number, title, issuer): its differences become amendments with versions (office)',
  })
  @ApiCreatedResponse({ type: RevisionResultResponse })
  async confirm(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() { reason, ...dto }: ReviseDocumentDto,
  ): Promise<RevisionResultResponse> {
    const input = await this.documents.decodeInput(dto);
    return toRevisionResultResponse(await this.revisions.confirm(actor, id, input, reason));
  }

  @Get('midterm-review')
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      '中期评估: target progress against the elapsed share of the plan period, tasks at risk, units behind (office, leaders)',
  })
  @ApiOkResponse({ type: MidtermReviewResponse })
  async midtermReview(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<MidtermReviewResponse> {
    return toMidtermReviewResponse(await this.midterm.review(actor, id));
  }

  @Get('midterm-review/workbook')
  @Roles('office', 'leader')
  @ApiOperation({
    summary: '中期评估 as .xlsx: 总体情况, 指标进度, 风险任务, 滞后单位 (office, leaders)',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse(fileResponse(XLSX, 'the workbook, as an attachment'))
  async midtermWorkbook(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<StreamableFile> {
    const file = await this.midterm.workbook(actor, id);
    return attachment(file.content, XLSX, 'midterm-review.xlsx', file.filename);
  }
}
