import { periodLabelEn, periodLabelZh } from '@tracker/domain';
import ical, { ICalCalendarMethod } from 'ical-generator';

/** One dated item of a unit's calendar: a task's final deadline or a report's due date. */
export interface CalendarEntry {
  /** Stable across feeds, so calendar apps update instead of duplicating: `task-<id>@tracker`. */
  uid: string;
  kind: 'task_deadline' | 'report_due';
  /** YYYY-MM-DD (Asia/Shanghai): the last day to act. */
  on: string;
  taskLabel: string;
  heading: string;
  role: 'lead' | 'support';
  period: string | null;
  url: string;
}

const ROLE_ZH = { lead: '牵头', support: '配合' } as const;

function summary(e: CalendarEntry): string {
  return e.kind === 'task_deadline'
    ? `【完成时限】任务${e.taskLabel}“${e.heading}”（${ROLE_ZH[e.role]}） Deadline: task ${e.taskLabel}`
    : `【报告截止】${e.period ? `${periodLabelZh(e.period)}进展报告` : '进展报告'}：任务${e.taskLabel}“${e.heading}” Report due${e.period ? ` (${periodLabelEn(e.period)})` : ''}: task ${e.taskLabel}`;
}

/** An iCalendar feed of all-day events, one per entry; `stamp` comes from the Clock. */
export function buildCalendarFeed(unitName: string, entries: CalendarEntry[], stamp: Date): string {
  const cal = ical({
    name: `${unitName} 督查督办时限 Deadlines`,
    prodId: { company: 'tracker', product: 'deadlines', language: 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const e of entries) {
    // All-day dates are floating: midnight UTC of the date renders as that date (VALUE=DATE).
    const start = new Date(`${e.on}T00:00:00Z`);
    cal.createEvent({
      id: e.uid,
      start,
      allDay: true,
      stamp,
      summary: summary(e),
      description: `${e.heading}\n${e.url}`,
      url: e.url,
    });
  }
  return cal.toString();
}
