import { ApiProperty } from '@nestjs/swagger';
import type { UrgingView } from '@tracker/services';
import { iso } from '../../common/iso';

export class UnitNameResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class UrgedByResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class UrgingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: UnitNameResponse }) unit: UnitNameResponse;
  @ApiProperty({ type: UrgedByResponse }) urgedBy: UrgedByResponse;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({
    format: 'date',
    description: 'The business day (Asia/Shanghai) the once-a-day limit counts in',
  })
  urgedOn: string;
  @ApiProperty({ format: 'date-time' }) urgedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) noticeId: string | null;
}

export const toUrgingResponse = (u: UrgingView): UrgingResponse => ({
  id: u.id,
  taskId: u.taskId,
  unit: { id: u.unit.id, name: u.unit.name },
  urgedBy: { id: u.urgedBy.id, name: u.urgedBy.name },
  comment: u.comment,
  urgedOn: u.urgedOn,
  urgedAt: iso(u.urgedAt),
  noticeId: u.noticeId,
});
