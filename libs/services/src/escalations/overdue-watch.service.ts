import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OverdueReportRow, OverdueWatchFilter, OverdueWatchRepository } from '@tracker/database';
import { RUNGS_BY_NAME } from '@tracker/domain';
import { DataSource } from 'typeorm';

/** A report on the overdue rung: the board's level-1 lane (watched, not yet an escalation to review). */
export interface OverdueReportView {
  reportId: string;
  taskId: string;
  taskLabel: string;
  taskHeading: string;
  unitId: string;
  unitName: string;
  cycleId: string;
  documentId: string;
  period: string;
  dueAt: Date;
  reportState: string;
  level: number;
  colour: string;
  noticeId: string;
  raisedAt: Date;
}

export const OVERDUE_WATCH_LIMIT = 500;

@Injectable()
export class OverdueWatchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    filter: Partial<Omit<OverdueWatchFilter, 'limit'>> & { limit?: number } = {},
  ): Promise<OverdueReportView[]> {
    const rows = await new OverdueWatchRepository(this.dataSource.manager).list({
      ...filter,
      limit: Math.min(filter.limit ?? OVERDUE_WATCH_LIMIT, OVERDUE_WATCH_LIMIT),
    });
    return rows.map(toView);
  }
}

function toView(r: OverdueReportRow): OverdueReportView {
  return {
    reportId: r.report_id,
    taskId: r.task_id,
    taskLabel: r.path.join(''),
    taskHeading: r.heading,
    unitId: r.unit_id,
    unitName: r.unit_name,
    cycleId: r.cycle_id,
    documentId: r.document_id,
    period: r.period,
    dueAt: r.due_at,
    reportState: r.state,
    level: RUNGS_BY_NAME.overdue.level,
    colour: RUNGS_BY_NAME.overdue.colour,
    noticeId: r.notice_id,
    raisedAt: r.raised_at,
  };
}
