import { ApiProperty } from '@nestjs/swagger';

export class RetriedDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['notice', 'digest'] }) type: 'notice' | 'digest';
  @ApiProperty({ enum: ['queued'], description: 'the send is queued again with all its attempts' })
  state: 'queued';
  @ApiProperty() previousAttempts: number;
  @ApiProperty({ nullable: true, type: String }) previousError: string | null;
}
