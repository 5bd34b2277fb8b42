/**
 * SQL: the unit `$1` and every former name whose successor chain leads to it (a pre-2018 agency
 * name points to its successor). UNION, not UNION ALL, so a mistaken cycle still terminates.
 */
export const UNIT_CHAIN_SQL = `WITH RECURSIVE chain(id) AS (
  SELECT CAST($1 AS uuid)
  UNION
  SELECT u.id FROM units u JOIN chain c ON u.successor_id = c.id
) SELECT id FROM chain`;
