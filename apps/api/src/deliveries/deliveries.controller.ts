import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, MailDeliveryService } from '@tracker/services';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../common/uuid.param';
import {
  FailedDeliveryPageResponse,
  toFailedDeliveryPageResponse,
} from './dto/failed-delivery.response';
import { FailedDeliveriesQuery } from './dto/failed-delivery.query';
import { RetriedDeliveryResponse } from './dto/retried-delivery.response';

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly mail: MailDeliveryService) {}

  @Get('failed')
  @Roles('office')
  @ApiOperation({
    summary: 'Mails (notices and digests) that failed or are being retried, with the last error',
    description:
      'Newest first, a page at a time (`limit`, default 50, at most 200); `nextCursor` asks for the next page.',
  })
  @ApiOkResponse({ type: FailedDeliveryPageResponse })
  async failed(@Query() q: FailedDeliveriesQuery): Promise<FailedDeliveryPageResponse> {
    return toFailedDeliveryPageResponse(await this.mail.listFailed(q));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Send a failed or retrying mail again (audited)',
    description:
      'Clears failed_at and the last error, starts the attempts from 0 and re-enqueues the send; it still goes out at most once.',
  })
  @ApiOkResponse({ type: RetriedDeliveryResponse })
  @ApiNotFoundResponse({ description: 'DELIVERY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'DELIVERY_ALREADY_SENT' })
  async retry(
    @CurrentActor() actor: Actor,
    @Param() { id }: UuidParam,
  ): Promise<RetriedDeliveryResponse> {
    const r = await this.mail.retry(actor, id);
    return {
      id: r.id,
      type: r.type,
      state: 'queued',
      previousAttempts: r.previousAttempts,
      previousError: r.previousError,
    };
  }
}
