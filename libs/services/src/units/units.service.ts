import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, shanghaiDate, UnitKind, UnitLevel } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { AccessError } from '../access/access.errors';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';

export interface UnitWorkload {
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
  SELECT u.id, u.name, u.level, u.kind, u.region, u.successor_id,
         COALESCE((SELECT array_agg(p.name ORDER BY p.name) FROM chain c JOIN units p ON p.id = c.unit_id
                    WHERE c.root_id = u.id AND c.unit_id <> u.id), '{}') AS former_names,
         count(DISTINCT h.task_id) FILTER (WHERE h.role = 'lead')::int AS led,
         count(DISTINCT h.task_id) FILTER (WHERE h.role = 'support')::int AS supported,
         count(DISTINCT h.task_id) FILTER (WHERE h.task_state = 'open' AND h.deadline_on < ${today}::date)::int AS overdue
    FROM units u LEFT JOIN held h ON h.root_id = u.id
   WHERE ${roots}
   GROUP BY u.id
   ORDER BY led DESC, supported DESC, u.name`;

interface WorkloadRow {
  id: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  region: string | null;
  successor_id: string | null;
  former_names: string[];
  led: number;
  supported: number;
  overdue: number;
}

@Injectable()
export class UnitsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Current units (not a former name) with their workload; an agency member gets only their own unit. */
  async listWorkload(actor: Actor): Promise<UnitWorkload[]> {
    const today = shanghaiDate(this.clock.now());
    const scope = await this.access.scope(this.dataSource.manager, actor);
    const rows: WorkloadRow[] =
      scope.all || actor.roles.includes('admin')
        ? await this.dataSource.query(WORKLOAD_SQL('u.successor_id IS NULL', '$1'), [today])
        : await this.dataSource.query(WORKLOAD_SQL('u.id = $2', '$1'), [today, actor.unitId]);
    return rows.map(toWorkload);
  }

  /** One unit's workload; an agency member may read only its own unit or a former name of it. */
  async findWorkload(actor: Actor, unitId: string): Promise<UnitWorkload> {
    const scope = await this.access.scope(this.dataSource.manager, actor);
    const allowed = scope.all || actor.roles.includes('admin') || scope.unitIds.includes(unitId);
    const rows: WorkloadRow[] = allowed
      ? await this.dataSource.query(WORKLOAD_SQL('u.id = $2', '$1'), [
          shanghaiDate(this.clock.now()),
          unitId,
        ])
      : [];
    if (!rows[0]) throw new AccessError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    return toWorkload(rows[0]);
  }
}

function toWorkload(r: WorkloadRow): UnitWorkload {
  return {
    id: r.id,
    name: r.name,
    level: r.level,
    kind: r.kind,
    region: r.region,
    successorId: r.successor_id,
    formerNames: r.former_names,
    led: r.led,
    supported: r.supported,
    overdue: r.overdue,
  };
}
