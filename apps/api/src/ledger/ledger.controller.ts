import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, LedgerFile, LedgerService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { attachment, fileResponse, XLSX } from '../common/file-response';
import { UuidParam } from '../common/uuid.param';

function toFile(file: LedgerFile): StreamableFile {
  return attachment(file.content, XLSX, 'ledger.xlsx', file.filename);
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('documents/:id')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary:
      "任务台账 of a document as .xlsx (序号, 任务编号, 任务内容, 牵头单位, 配合单位, 完成时限, 签收状态, 最新进展); an agency member's holds only its unit's tasks",
  })
  @ApiProduces(XLSX)
  @ApiOkResponse(fileResponse(XLSX, 'The workbook'))
  @ApiNotFoundResponse({
    description: 'DOCUMENT_NOT_FOUND: missing, or no task of your unit in it',
  })
  async document(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<StreamableFile> {
    return toFile(await this.ledger.documentLedger(actor, id));
  }

  @Get('units/:id')
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary: '任务台账 of a unit (former names included) across all documents, as .xlsx',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse(fileResponse(XLSX, 'The workbook'))
  @ApiNotFoundResponse({ description: 'UNIT_NOT_FOUND: missing, or another unit (agency members)' })
  async unit(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<StreamableFile> {
    return toFile(await this.ledger.unitLedger(actor, id));
  }
}
