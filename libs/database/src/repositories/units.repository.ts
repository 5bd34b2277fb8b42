import type { UnitKind, UnitLevel } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { Unit, UnitAlias, UnitGroup, UnitGroupMember } from '../entities';
import { UNIT_CHAIN_SQL } from './sql';

/** A current unit with how many tasks it leads, supports and has overdue. */
export interface UnitWorkloadRow {
  id: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  region: string | null;
  successorId: string | null;
  /** Pre-rename names whose tasks are counted with this unit's. */
  formerNames: string[];
  led: number;
  supported: number;
  overdue: number;
}

/** A unit of the registry as the seeder writes it. */
export interface RegistryUnit {
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  region: string | null;
}

/**
 * Workload per unit across all documents. A renamed agency's tasks count together: each unit
 * collects the assignments of every former name whose successor chain leads to it.
 */
const WORKLOAD_SQL = (roots: string, today: string): string => `
  WITH RECURSIVE chain(root_id, unit_id) AS (
    SELECT u.id, u.id FROM units u WHERE ${roots}
    UNION
    SELECT c.root_id, p.id FROM units p JOIN chain c ON p.successor_id = c.unit_id
  ),
  held AS (
    SELECT c.root_id, a.task_id, a.role, t.state AS task_state, t.deadline_on
      FROM chain c
      JOIN assignments a ON a.unit_id = c.unit_id AND a.state IN ('pending', 'acknowledged')
      JOIN tasks t ON t.id = a.task_id
  )
  SELECT u.id, u.name, u.level, u.kind, u.region, u.successor_id AS "successorId",
         COALESCE((SELECT array_agg(p.name ORDER BY p.name) FROM chain c JOIN units p ON p.id = c.unit_id
                    WHERE c.root_id = u.id AND c.unit_id <> u.id), '{}') AS "formerNames",
         count(DISTINCT h.task_id) FILTER (WHERE h.role = 'lead')::int AS led,
         count(DISTINCT h.task_id) FILTER (WHERE h.role = 'support')::int AS supported,
         count(DISTINCT h.task_id) FILTER (WHERE h.task_state = 'open' AND h.deadline_on < ${today}::date)::int AS overdue
    FROM units u LEFT JOIN held h ON h.root_id = u.id
   WHERE ${roots}
   GROUP BY u.id
   ORDER BY led DESC, supported DESC, u.name`;

/** Units: the registry, the successor chains of renamed agencies, and the workload per unit. */
export class UnitsRepository {
  constructor(private readonly em: EntityManager) {}

  /** The unit and its former names (UNIT_CHAIN_SQL). */
  async chain(unitId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(UNIT_CHAIN_SQL, [unitId]);
    return rows.map((r) => r.id);
  }

  /** Every current unit (not a former name), most tasks led first; `today` is YYYY-MM-DD. */
  workloads(today: string): Promise<UnitWorkloadRow[]> {
    return this.em.query(WORKLOAD_SQL('u.successor_id IS NULL', '$1'), [today]);
  }

  /** One unit's workload (a former name too); null when there is no such unit. */
  async workload(unitId: string, today: string): Promise<UnitWorkloadRow | null> {
    const [row]: UnitWorkloadRow[] = await this.em.query(WORKLOAD_SQL('u.id = $2', '$1'), [
      today,
      unitId,
    ]);
    return row ?? null;
  }

  /** Units holding an assignment (held or not), by name: the demo accounts' units. */
  withAssignments(): Promise<{ id: string; name: string }[]> {
    return this.em.query(
      `SELECT u.id, u.name FROM units u WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = u.id) ORDER BY u.name`,
    );
  }

  /** Upserts a registered unit by name. */
  async upsertRegistered(u: RegistryUnit): Promise<void> {
    await this.em.query(
      `INSERT INTO units (name, level, kind, region, is_registered) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (name) DO UPDATE SET level = EXCLUDED.level, kind = EXCLUDED.kind,
         region = EXCLUDED.region, is_registered = true`,
      [u.name, u.level, u.kind, u.region],
    );
  }

  /** Adds an unregistered unit unless one of the name exists (a concurrent import made it). */
  async insertUnregisteredIfMissing(u: RegistryUnit): Promise<void> {
    await this.em
      .createQueryBuilder()
      .insert()
      .into(Unit)
      .values({ name: u.name, level: u.level, kind: u.kind, region: u.region, isRegistered: false })
      .orIgnore()
      .execute();
  }

  async addAliasIfMissing(unitId: string, alias: string): Promise<void> {
    await this.em
      .createQueryBuilder()
      .insert()
      .into(UnitAlias)
      .values({ alias, unitId })
      .orIgnore()
      .execute();
  }

  async addGroupIfMissing(name: string, region: string | null): Promise<void> {
    await this.em
      .createQueryBuilder()
      .insert()
      .into(UnitGroup)
      .values({ name, region })
      .orIgnore()
      .execute();
  }

  async addGroupMemberIfMissing(groupId: string, unitId: string): Promise<void> {
    await this.em
      .createQueryBuilder()
      .insert()
      .into(UnitGroupMember)
      .values({ groupId, unitId })
      .orIgnore()
      .execute();
  }
}
