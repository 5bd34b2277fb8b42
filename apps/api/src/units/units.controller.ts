import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, UnitsService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import { toUnitWorkloadResponse, UnitWorkloadResponse } from './dto/unit-workload.response';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Roles('office', 'leader', 'admin', 'agency')
  @ApiOperation({
    summary:
      'Units with their workload (led, supported, overdue), former names counted with their successor; an agency member sees only its own unit',
  })
  @ApiOkResponse({ type: [UnitWorkloadResponse] })
  async list(@CurrentActor() actor: Actor): Promise<UnitWorkloadResponse[]> {
    return (await this.units.listWorkload(actor)).map(toUnitWorkloadResponse);
  }

  @Get(':id')
  @Roles('office', 'leader', 'admin', 'agency')
  @ApiOperation({ summary: "One unit's workload" })
  @ApiOkResponse({ type: UnitWorkloadResponse })
  @ApiNotFoundResponse({ description: 'UNIT_NOT_FOUND: missing, or another unit (agency members)' })
  async findOne(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<UnitWorkloadResponse> {
    return toUnitWorkloadResponse(await this.units.findWorkload(actor, id));
  }
}
