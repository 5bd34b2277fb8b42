import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, BulletinsService } from '@tracker/services';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { fileResponse, XLSX } from '../common/file-response';
import { BulletinResponse, toBulletinResponse } from './dto/bulletin.response';

@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('cycles/:id/bulletin')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Get()
  @Roles('office', 'leader', 'agency')
  @ApiOperation({
    summary: "A cycle's bulletin (通报) as JSON (office, leaders, and the units of its document)",
  })
  @ApiOkResponse({ type: BulletinResponse })
  async get(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<BulletinResponse> {
    return toBulletinResponse((await this.bulletins.get(id, actor)).content);
  }

  @Get('download')
  @Roles('office', 'leader', 'agency')
  @ApiProduces('text/markdown')
  @ApiOkResponse(fileResponse('text/markdown', 'the bulletin (UTF-8 Markdown), as an attachment'))
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The bulletin as a Markdown document (Chinese, English headings)' })
  async download(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Res() res: Response,
  ): Promise<void> {
    const md = await this.bulletins.markdown(id, actor);
    res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${md.filename}"`);
    res.send(md.body);
  }

  @Get('workbook')
  @Roles('office', 'leader', 'agency')
  @ApiProduces(XLSX)
  @ApiOkResponse(fileResponse(XLSX, 'the bulletin workbook, as an attachment'))
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'The bulletin as an .xlsx workbook: overview, units, late and escalated tasks, targets',
  })
  async workbook(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.bulletins.workbook(id, actor);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.body);
  }
}
