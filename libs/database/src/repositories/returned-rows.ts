/** TypeORM's postgres driver answers UPDATE … RETURNING with [rows, count]. */
export function returnedRows<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}
