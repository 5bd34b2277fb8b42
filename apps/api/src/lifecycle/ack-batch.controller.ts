import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AckBatchService, Actor } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AcknowledgeManyDto } from './dto/ack-batch.dto';
import { AckBatchResponse, toAckBatchResponse } from './dto/lifecycle.response';

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
  @ApiOkResponse({ type: AckBatchResponse })
  async acknowledge(
    @CurrentActor() actor: Actor,
    @Body() dto: AcknowledgeManyDto,
  ): Promise<AckBatchResponse> {
    return toAckBatchResponse(await this.batch.acknowledgeMany(actor, dto));
  }
}
