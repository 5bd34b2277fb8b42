import { ApiProperty } from '@nestjs/swagger';
import type { KeysetPage } from '@tracker/common';
import { FailedDeliveryView } from '@tracker/services';

export class FailedDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['notice', 'digest'] }) type: 'notice' | 'digest';
  @ApiProperty({
    enum: ['retrying', 'failed', 'stalled'],
    description:
      'retrying: BullMQ will try again; failed: every attempt failed; stalled: not sent and no live job (the relay re-creates it, or retry it)',
  })
  state: 'retrying' | 'failed' | 'stalled';
  @ApiProperty({ format: 'uuid' }) recipientId: string;
  @ApiProperty() recipientName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String }) noticeId: string | null;
  @ApiProperty({ nullable: true, type: String }) noticeKind: string | null;
  @ApiProperty({ nullable: true, type: String }) taskId: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) failedAt: string | null;
  @ApiProperty() createdAt: string;
}

export const toFailedDeliveryResponse = (d: FailedDeliveryView): FailedDeliveryResponse => ({
  id: d.id,
  type: d.type,
  state: d.state,
  recipientId: d.recipientId,
  recipientName: d.recipientName,
  email: d.email,
  subject: d.subject,
  noticeId: d.noticeId,
  noticeKind: d.noticeKind,
  taskId: d.taskId,
  attempts: d.attempts,
  lastError: d.lastError,
  failedAt: d.failedAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

export class FailedDeliveryPageResponse {
  @ApiProperty({ type: [FailedDeliveryResponse] }) items: FailedDeliveryResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export const toFailedDeliveryPageResponse = (
  p: KeysetPage<FailedDeliveryView>,
): FailedDeliveryPageResponse => ({
  items: p.items.map(toFailedDeliveryResponse),
  nextCursor: p.nextCursor,
});
