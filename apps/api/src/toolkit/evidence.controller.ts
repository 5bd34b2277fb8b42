import {
  Controller,
  createParamDecorator,
  ExecutionContext,
  Get,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Actor, EVIDENCE_TYPES, EvidenceService } from '@tracker/services';
import type { Request } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { attachment } from '../common/file-response';
import { UuidParam } from '../common/uuid.param';
import { AttachEvidenceQuery } from './dto/evidence.dto';
import { EvidenceResponse, toEvidenceResponse } from './dto/evidence.response';

const EVIDENCE_MEDIA_TYPES = [...new Set(Object.values(EVIDENCE_TYPES))];

/** The request body read by the evidence route's raw parser (ToolkitRoutesModule); empty when none was sent. */
const RawBody = createParamDecorator((_: unknown, ctx: ExecutionContext): Buffer => {
  const body = ctx.switchToHttp().getRequest<Request>().body as unknown;
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
});

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('reports/:id/evidence')
  @Roles('agency')
  @ApiOperation({
    summary:
      '佐证材料: the lead unit (its report) or a supporting unit (its contribution) attaches a file; the body is the file itself',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiUnsupportedMediaTypeResponse({
    description: 'EVIDENCE_TYPE_REFUSED: the content is not a PDF, an image, a .docx or an .xlsx',
  })
  @ApiPayloadTooLargeResponse({ description: 'EVIDENCE_TOO_LARGE: over EVIDENCE_MAX_BYTES' })
  @ApiCreatedResponse({ type: EvidenceResponse })
  async attach(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Query() { filename }: AttachEvidenceQuery,
    @RawBody() body: Buffer,
  ): Promise<EvidenceResponse> {
    return toEvidenceResponse(await this.evidence.attach(actor, id, filename, body));
  }

  @Get('reports/:id/evidence')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: "A report's evidence files (whoever may read the report)" })
  @ApiOkResponse({ type: [EvidenceResponse] })
  async list(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<EvidenceResponse[]> {
    return (await this.evidence.list(actor, id)).map(toEvidenceResponse);
  }

  @Get('evidence/:id/download')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({ summary: 'Download an evidence file; 404 to anyone who may not read its report' })
  @ApiProduces(...EVIDENCE_MEDIA_TYPES)
  @ApiOkResponse({
    description: 'the file as attached, with the type read from its bytes',
    content: Object.fromEntries(
      EVIDENCE_MEDIA_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<StreamableFile> {
    const { file, content } = await this.evidence.download(actor, id);
    return attachment(content, file.contentType, 'evidence', file.filename);
  }
}
