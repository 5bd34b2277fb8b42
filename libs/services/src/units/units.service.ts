import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, shanghaiDate } from '@tracker/domain';
import { UnitsRepository, UnitWorkloadRow } from '@tracker/database';
import { DataSource } from 'typeorm';
import { AccessError } from '../access/access.errors';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';

export type UnitWorkload = UnitWorkloadRow;

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
    const units = new UnitsRepository(this.dataSource.manager);
    if (scope.all || actor.roles.includes('admin')) return units.workloads(today);
    const own = actor.unitId ? await units.workload(actor.unitId, today) : null;
    return own ? [own] : [];
  }

  /** One unit's workload; an agency member may read only its own unit or a former name of it. */
  async findWorkload(actor: Actor, unitId: string): Promise<UnitWorkload> {
    const scope = await this.access.scope(this.dataSource.manager, actor);
    const allowed = scope.all || actor.roles.includes('admin') || scope.unitIds.includes(unitId);
    const row = allowed
      ? await new UnitsRepository(this.dataSource.manager).workload(
          unitId,
          shanghaiDate(this.clock.now()),
        )
      : null;
    if (!row) throw new AccessError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    return row;
  }
}
