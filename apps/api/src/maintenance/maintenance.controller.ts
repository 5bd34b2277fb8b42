import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { MaintenanceService } from '@tracker/services';
import { Roles } from '../auth/roles.decorator';
import { HeartbeatRequestedResponse, HeartbeatResponse } from './dto/heartbeat.response';

@ApiTags('maintenance')
@ApiBearerAuth()
@Roles('admin')
@Controller('maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Post('heartbeats')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a heartbeat job through the queue to the worker' })
  @ApiAcceptedResponse({ type: HeartbeatRequestedResponse })
  async request(): Promise<HeartbeatRequestedResponse> {
    const { token, jobId } = await this.maintenance.requestHeartbeat();
    return { token, jobId };
  }

  @Get('heartbeats/:token')
  @ApiOperation({ summary: 'Whether the worker has processed a heartbeat' })
  @ApiOkResponse({ type: HeartbeatResponse })
  @ApiNotFoundResponse({ description: 'not processed (yet)' })
  async find(@Param('token', ParseUUIDPipe) token: string): Promise<HeartbeatResponse> {
    const beat = await this.maintenance.findHeartbeat(token);
    if (!beat) throw new NotFoundException(`Heartbeat ${token} has not been processed`);
    return { token: beat.token, processedAt: beat.processedAt.toISOString(), worker: beat.worker };
  }
}
