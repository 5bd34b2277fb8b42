import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AckBatchResult, AckBatchService, Actor } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AcknowledgeManyDto } from './dto/ack-batch.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('me/assignments')
export class AckBatchController {
  constructor(private readonly batch: AckBatchService) {}

  @Post('acknowledge')
  @HttpCode(200)
  @Roles('agency')
  @ApiOperation({
    summary:
      "Acknowledge (签收) many of my unit's pending assignments in one transaction, leaving out those to decline",
  })
  acknowledge(
    @CurrentActor() actor: Actor,
    @Body() dto: AcknowledgeManyDto,
  ): Promise<AckBatchResult> {
    return this.batch.acknowledgeMany(actor, dto);
  }
}
