import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MaintenanceService } from '@tracker/services';
import { Roles } from '../auth/roles.decorator';

@ApiTags('maintenance')
@ApiBearerAuth()
@Roles('admin')
@Controller('maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Post('heartbeats')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a heartbeat job through the queue to the worker' })
  request(): Promise<{ token: string; jobId: string }> {
    return this.maintenance.requestHeartbeat();
  }

  @Get('heartbeats/:token')
  @ApiOperation({ summary: 'Whether the worker has processed a heartbeat' })
  async find(
    @Param('token', ParseUUIDPipe) token: string,
  ): Promise<{ token: string; processedAt: string; worker: string }> {
    const beat = await this.maintenance.findHeartbeat(token);
    if (!beat) throw new NotFoundException(`Heartbeat ${token} has not been processed`);
    return { token: beat.token, processedAt: beat.processedAt.toISOString(), worker: beat.worker };
  }
}
