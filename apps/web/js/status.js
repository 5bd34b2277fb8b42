// What the pages need to read a unit's part of a task: the report the server named and the order
// of the server's colours (the colour itself is computed on the server).

/** The report that matters now for the unit's part, as the server chose it (the earliest still to be filed, else the latest). */
export function currentReport(detail) {
  return (detail.reports || []).find((r) => r.id === detail.yourReportId) || null;
}

export const RAG_ORDER = { red: 0, amber: 1, green: 2 };
