import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CyclePreviewService, PlansService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  ArchivedPlanResponse,
  CyclePreviewResponse,
  PlanStateResponse,
  toArchivedPlanResponse,
  toCyclePreviewResponse,
  toPlanStateResponse,
} from './dto/lifecycle.response';
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
  @ApiOkResponse({ type: CyclePreviewResponse })
  async preview(@Body() dto: PreviewCycleDto): Promise<CyclePreviewResponse> {
    return toCyclePreviewResponse(await this.previews.preview(dto.documentId, dto.period));
  }

  @Get('documents/:id/plan')
  @Roles('office', 'leader')
  @ApiOperation({
    summary:
      "A plan's last year (read from its text, or set by the office) and whether it is archived",
  })
  @ApiOkResponse({ type: PlanStateResponse })
  async get(@Param() { id }: UuidParam): Promise<PlanStateResponse> {
    return toPlanStateResponse(await this.plans.get(id));
  }

  @Patch('documents/:id/plan')
  @Roles('office')
  @ApiOperation({
    summary:
      "Set or extend a plan's last year (no cycle opens for a period after it); null: the text's year",
  })
  @ApiOkResponse({ type: PlanStateResponse })
  async setHorizon(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
    @Body() dto: SetHorizonDto,
  ): Promise<PlanStateResponse> {
    return toPlanStateResponse(await this.plans.setHorizon(actor, id, dto.horizonYear));
  }

  @Post('documents/:id/archive')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary:
      'Archive a plan: its open cycles close; no more cycles, notices or digests; still readable',
  })
  @ApiOkResponse({ type: ArchivedPlanResponse })
  async archive(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<ArchivedPlanResponse> {
    return toArchivedPlanResponse(await this.plans.archive(actor, id));
  }
}
