import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, DocumentsImportService, DocumentsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { DocumentFactsDto, DocumentInputDto, DocumentListQueryDto } from './dto/document-input.dto';
import {
  DocumentDetailResponse,
  DocumentPreviewResponse,
  DocumentSummaryResponse,
  ImportResultResponse,
  TaskTreeNodeResponse,
  toDocumentDetailResponse,
  toDocumentPreviewResponse,
  toDocumentSummaryResponse,
  toImportResultResponse,
  toTaskTreeNodeResponse,
} from './dto/document.response';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly importer: DocumentsImportService,
    private readonly documents: DocumentsService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Extract a document without saving it: tree, assignments, warnings (office)',
  })
  @ApiOkResponse({ type: DocumentPreviewResponse })
  async preview(@Body() dto: DocumentInputDto): Promise<DocumentPreviewResponse> {
    const input = await this.documents.decodeInput(dto);
    return toDocumentPreviewResponse(input, await this.importer.preview(input));
  }

  @Post()
  @Roles('office')
  @ApiOperation({
    summary: 'Import a document (idempotent: the same text gives the same document) (office)',
  })
  @ApiCreatedResponse({ type: ImportResultResponse })
  async import(
    @CurrentActor() actor: Actor,
    @Body() dto: DocumentInputDto,
  ): Promise<ImportResultResponse> {
    const input = await this.documents.decodeInput(dto);
    return toImportResultResponse(await this.importer.import(input, { ...actor, channel: 'api' }));
  }

  @Get()
  @Roles('office', 'leader', 'admin', 'agency')
  @ApiOperation({ summary: 'Imported documents' })
  @ApiOkResponse({ type: [DocumentSummaryResponse] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: DocumentListQueryDto,
  ): Promise<DocumentSummaryResponse[]> {
    return (await this.documents.list(actor, query.held === 'true')).map(toDocumentSummaryResponse);
  }

  @Get(':id/tree')
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      "The document's task tree: chapters, sections, tasks with their units, deadline and status colour (office, leaders)",
  })
  @ApiOkResponse({ type: [TaskTreeNodeResponse] })
  async tree(@Param('id', ParseUUIDPipe) id: string): Promise<TaskTreeNodeResponse[]> {
    return (await this.documents.taskTree(id)).map(toTaskTreeNodeResponse);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: "Correct a document's title, number, issuer or date (office; audited)" })
  @ApiOkResponse({ type: DocumentDetailResponse })
  async updateFacts(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DocumentFactsDto,
  ): Promise<DocumentDetailResponse> {
    return toDocumentDetailResponse(await this.documents.updateFacts(actor, id, dto));
  }

  @Get(':id')
  @Roles('office', 'leader', 'admin', 'agency')
  @ApiOperation({ summary: 'One document with its supervision facts and numbered tree' })
  @ApiOkResponse({ type: DocumentDetailResponse })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DocumentDetailResponse> {
    return toDocumentDetailResponse(await this.documents.get(id));
  }
}
