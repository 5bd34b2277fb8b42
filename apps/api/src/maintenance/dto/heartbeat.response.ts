import { ApiProperty } from '@nestjs/swagger';

export class HeartbeatRequestedResponse {
  @ApiProperty({ format: 'uuid', description: 'ask GET /api/maintenance/heartbeats/{token}' })
  token: string;
  @ApiProperty() jobId: string;
}

export class HeartbeatResponse {
  @ApiProperty({ format: 'uuid' }) token: string;
  @ApiProperty({ format: 'date-time' }) processedAt: string;
  @ApiProperty({ description: 'the worker that processed it' }) worker: string;
}
