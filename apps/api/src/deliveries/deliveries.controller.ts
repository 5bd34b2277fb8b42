import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MailDeliveryService } from '@tracker/services';
import { Roles } from '../auth/roles.decorator';
import { FailedDeliveryResponse, toFailedDeliveryResponse } from './dto/failed-delivery.response';

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly mail: MailDeliveryService) {}

  @Get('failed')
  @Roles('office')
  @ApiOperation({ summary: 'Mails (notices and digests) that failed or are being retried, with the last error' })
  @ApiOkResponse({ type: [FailedDeliveryResponse] })
  async failed(): Promise<FailedDeliveryResponse[]> {
    return (await this.mail.listFailed()).map(toFailedDeliveryResponse);
  }
}
