import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, BulletinContent, BulletinsService } from '@tracker/services';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';

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
  async get(@CurrentActor() actor: Actor, @Param() { id }: UuidParam): Promise<BulletinContent> {
    return (await this.bulletins.get(id, actor)).content;
  }

  @Get('download')
  @Roles('office', 'leader', 'agency')
  @ApiProduces('text/markdown')
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
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
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
    res.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.body);
  }
}
