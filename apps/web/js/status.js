// Red-amber-green status of a task for the unit that holds it, from server facts and the server's clock.

const DAY = 86_400_000;
export const FILEABLE = ['pending', 'draft', 'returned'];

/** The report that matters now for the unit's part, as the server chose it (the earliest still to be filed, else the latest). */
export function currentReport(detail) {
  return (detail.reports || []).find((r) => r.id === detail.yourReportId) || null;
}

/** [status, reason key]: red = late or overdue; amber = needs action or due within 7 days; green = on track. */
export function ragOf({ task, assignment, report, now }) {
  const t = now.getTime();
  const open = report && FILEABLE.includes(report.state);
  if (task.state !== 'open') return ['green', 'rag.why.closed'];
  if (open && Date.parse(report.dueAt) <= t) return ['red', 'rag.why.reportLate'];
  if (task.isOverdue) return ['red', 'rag.why.taskOverdue'];
  if (report && report.progressStatus === 'delayed') return ['red', 'rag.why.delayed'];
  if (assignment.state === 'pending') return ['amber', 'rag.why.ack'];
  if (report && report.state === 'returned') return ['amber', 'rag.why.returned'];
  if (open && Date.parse(report.dueAt) - t < 7 * DAY) return ['amber', 'rag.why.dueSoon'];
  if (task.deadlineOn && Date.parse(`${task.deadlineOn}T23:59:59+08:00`) - t < 30 * DAY)
    return ['amber', 'rag.why.deadlineSoon'];
  if (report && report.progressStatus === 'at_risk') return ['amber', 'rag.why.atRisk'];
  return ['green', 'rag.why.onTrack'];
}

export const RAG_ORDER = { red: 0, amber: 1, green: 2 };
