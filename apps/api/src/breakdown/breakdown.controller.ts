import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@tracker/common';
import { Actor, BREAKDOWN_MAX_BYTES, BreakdownService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { BreakdownResponse, ImportBreakdownDto, SaveBreakdownDto } from './dto/breakdown.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks/:id/breakdown')
export class BreakdownController {
  constructor(private readonly breakdown: BreakdownService) {}

  @Get()
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary:
      "The task's breakdown table (各地分解): each member unit's share per target, and the roll-up of their latest reported values",
  })
  @ApiOkResponse({ type: BreakdownResponse })
  get(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<BreakdownResponse> {
    return this.breakdown.get(actor, id);
  }

  @Put()
  @Roles('office')
  @ApiOperation({ summary: 'Replace the breakdown table (all or none, audited)' })
  @ApiOkResponse({ type: BreakdownResponse })
  save(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: SaveBreakdownDto,
  ): Promise<BreakdownResponse> {
    return this.breakdown.save(actor, id, dto.shares);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('office')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({
    summary:
      'Import the breakdown table from an .xlsx (multipart `file` or `contentBase64`) or pasted text: first column the localities, header row the targets; replaces the table, nothing saved on any error',
  })
  @ApiOkResponse({ type: BreakdownResponse })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: BREAKDOWN_MAX_BYTES, files: 1 } }))
  import(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: ImportBreakdownDto,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ): Promise<BreakdownResponse> {
    if (file)
      return this.breakdown.import(actor, id, {
        kind: 'xlsx',
        body: file.buffer,
        fileName: file.originalname,
      });
    if (dto.contentBase64 !== undefined)
      return this.breakdown.import(actor, id, {
        kind: 'xlsx',
        body: Buffer.from(dto.contentBase64, 'base64'),
        fileName: dto.fileName ?? null,
      });
    if (dto.text !== undefined)
      return this.breakdown.import(actor, id, { kind: 'text', text: dto.text });
    throw new DomainError('VALIDATION_FAILED', 'Give text, contentBase64 or a file', {
      fields: { text: ['give text, contentBase64 or a multipart file'] },
    });
  }
}
