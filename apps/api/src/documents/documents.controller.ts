import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DocumentsImportService, DocumentsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { DocumentFactsDto, DocumentInputDto } from './dto/document-input.dto';

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
  async preview(@Body() dto: DocumentInputDto): Promise<unknown> {
    const input = await this.documents.decodeInput(dto);
    const preview = await this.importer.preview(input);
    return {
      fileName: input.fileName,
      encoding: input.encoding,
      format: input.format,
      contentHash: preview.contentHash,
      alreadyImported: preview.alreadyImported,
      document: preview.analysis.document,
      outline: preview.analysis.outline,
      assignments: preview.assignments,
      warnings: preview.warnings,
    };
  }

  @Post()
  @Roles('office')
  @ApiOperation({
    summary: 'Import a document (idempotent: the same text gives the same document) (office)',
  })
  async import(@CurrentActor() actor: Actor, @Body() dto: DocumentInputDto): Promise<unknown> {
    const input = await this.documents.decodeInput(dto);
    return this.importer.import(input, { ...actor, channel: 'api' });
  }

  @Get()
  @Roles('office', 'leader', 'admin', 'agency')
  @ApiOperation({ summary: 'Imported documents' })
  list(): Promise<unknown> {
    return this.documents.list();
  }

  @Get(':id/tree')
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      "The document's task tree: chapters, sections, tasks with their units, deadline and status colour (office, leaders)",
  })
  tree(@Param('id', ParseUUIDPipe) id: string): Promise<unknown> {
    return this.documents.taskTree(id);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: "Correct a document's title, number, issuer or date (office; audited)" })
  updateFacts(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DocumentFactsDto,
  ): Promise<unknown> {
    return this.documents.updateFacts(actor, id, dto);
  }

  @Get(':id')
  @Roles('office', 'leader', 'admin', 'agency')
  @ApiOperation({ summary: 'One document with its supervision facts and numbered tree' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<unknown> {
    return this.documents.get(id);
  }
}
