import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  CyclePreview,
  CyclePreviewService,
  PlanState,
  PlansService,
} from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { PreviewCycleDto, SetHorizonDto } from './dto/plan.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller()
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly previews: CyclePreviewService,
  ) {}

  @Post('cycles/preview')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary:
      'Dry run of opening a cycle: the reports, the notices each rung would raise at once, the bulletin; changes nothing',
  })
  preview(@Body() dto: PreviewCycleDto): Promise<CyclePreview> {
    return this.previews.preview(dto.documentId, dto.period);
  }

  @Get('documents/:id/plan')
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      "A plan's last year (read from its text, or set by the office) and whether it is archived",
  })
  get(@Param() { id }: UuidParam): Promise<PlanState> {
    return this.plans.get(id);
  }

  @Patch('documents/:id/plan')
  @Roles('office')
  @ApiOperation({
    summary:
      "Set or extend a plan's last year (no cycle opens for a period after it); null: the text's year",
  })
  setHorizon(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: SetHorizonDto,
  ): Promise<PlanState> {
    return this.plans.setHorizon(actor, id, dto.horizonYear);
  }

  @Post('documents/:id/archive')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary:
      'Archive a plan: its open cycles close; no more cycles, notices or digests; still readable',
  })
  archive(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<PlanState & { closedCycles: number }> {
    return this.plans.archive(actor, id);
  }
}
