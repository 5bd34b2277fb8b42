import { ApiProperty } from '@nestjs/swagger';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATES,
  AssignmentRole,
  AssignmentState,
} from '@tracker/domain';
import type { AssignmentView, ReassignResult, UnitRef } from '@tracker/services';

export class UnitRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '自治区工业和信息化厅' }) name: string;
}

export const toUnitRef = (u: UnitRef): UnitRefResponse => ({ id: u.id, name: u.name });

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty({ enum: ASSIGNMENT_ROLES, description: 'lead 牵头 / support 配合' })
  role: AssignmentRole;
  @ApiProperty({
    enum: ASSIGNMENT_STATES,
    description: 'pending 待签收 / acknowledged 已签收 / declined 已退回 / reassigned 已改派',
  })
  state: AssignmentState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) declinedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toAssignmentResponse(a: AssignmentView): AssignmentResponse {
  return {
    id: a.id,
    taskId: a.taskId,
    unit: toUnitRef(a.unit),
    role: a.role,
    state: a.state,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    declinedAt: a.declinedAt?.toISOString() ?? null,
    declineReason: a.declineReason,
    createdAt: a.createdAt.toISOString(),
  };
}

export class ReassignResponse {
  @ApiProperty({ type: AssignmentResponse, description: 'The declined assignment, now reassigned' })
  declined: AssignmentResponse;
  @ApiProperty({ type: [AssignmentResponse], description: 'The new pending assignments' })
  created: AssignmentResponse[];
}

export const toReassignResponse = (r: ReassignResult): ReassignResponse => ({
  declined: toAssignmentResponse(r.declined),
  created: r.created.map(toAssignmentResponse),
});
