import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DocumentRevisionsService, DocumentsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ReviseDocumentDto } from './dto/revise-document.dto';
import { RevisionResultResponse, toRevisionResultResponse } from './dto/revision.response';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents/:id/revisions')
export class DocumentRevisionsController {
  constructor(
    private readonly revisions: DocumentRevisionsService,
    private readonly documents: DocumentsService,
  ) {}

  @Post()
  @Roles('office')
  @ApiOperation({
    summary:
      'Confirm a revised text of an imported document (same number, title, issuer): its differences become amendments with versions (office)',
  })
  @ApiCreatedResponse({ type: RevisionResultResponse })
  async confirm(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() { reason, ...dto }: ReviseDocumentDto,
  ): Promise<RevisionResultResponse> {
    const input = await this.documents.decodeInput(dto);
    return toRevisionResultResponse(await this.revisions.confirm(actor, id, input, reason));
  }
}
