import { Unit, UnitGroup, UnitsRepository } from '@tracker/database';
import { findUnitById, UNIT_GROUPS, unitSeedRows } from '@tracker/documents';
import { EntityManager } from 'typeorm';

/**
 * Upserts the unit registry by natural key (the name): canonical units with their aliases,
 * pre-2018 names as units pointing to their successor, and collective assignees with the members
 * the documents let us know. Running it twice changes nothing.
 */
export async function seedUnitRegistry(
  em: EntityManager,
): Promise<{ units: number; groups: number }> {
  const units = new UnitsRepository(em);
  const rows = unitSeedRows();
  for (const row of rows) {
    await units.upsertRegistered({
      name: row.name,
      level: row.level,
      kind: row.kind,
      region: row.region,
    });
  }
  const idByKey = new Map<string, string>();
  for (const row of rows) {
    const unit = await em
      .getRepository(Unit)
      .findOneOrFail({ where: { name: row.name }, select: { id: true } });
    idByKey.set(row.key, unit.id);
  }
  for (const row of rows) {
    const id = idByKey.get(row.key) as string;
    if (row.successorKey) {
      await em
        .getRepository(Unit)
        .update({ id }, { successorId: idByKey.get(row.successorKey) ?? null });
    }
    for (const alias of row.aliases) await units.addAliasIfMissing(id, alias);
  }

  let groups = 0;
  for (const group of UNIT_GROUPS) {
    const members = (group.memberIds ?? [])
      .map((memberId) => findUnitById(memberId))
      .filter((u): u is NonNullable<typeof u> => u !== null)
      .map((u) => idByKey.get(u.id))
      .filter((id): id is string => id !== undefined);
    // Each name a document may use for the collective is a group of the same members.
    for (const name of [group.name, ...group.aliases]) {
      await units.addGroupIfMissing(name, group.region);
      const saved = await em
        .getRepository(UnitGroup)
        .findOneOrFail({ where: { name }, select: { id: true } });
      for (const unitId of members) await units.addGroupMemberIfMissing(saved.id, unitId);
      groups++;
    }
  }
  return { units: rows.length, groups };
}
