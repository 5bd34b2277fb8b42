import { Unit, UnitAlias, UnitGroup, UnitGroupMember } from '@tracker/database';
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
  const rows = unitSeedRows();
  for (const row of rows) {
    await em.query(
      `INSERT INTO units (name, level, kind, region, is_registered) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (name) DO UPDATE SET level = EXCLUDED.level, kind = EXCLUDED.kind,
         region = EXCLUDED.region, is_registered = true`,
      [row.name, row.level, row.kind, row.region],
    );
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
    for (const alias of row.aliases) {
      await em
        .createQueryBuilder()
        .insert()
        .into(UnitAlias)
        .values({ alias, unitId: id })
        .orIgnore()
        .execute();
    }
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
      await em
        .createQueryBuilder()
        .insert()
        .into(UnitGroup)
        .values({ name, region: group.region })
        .orIgnore()
        .execute();
      const saved = await em
        .getRepository(UnitGroup)
        .findOneOrFail({ where: { name }, select: { id: true } });
      for (const unitId of members) {
        await em
          .createQueryBuilder()
          .insert()
          .into(UnitGroupMember)
          .values({ groupId: saved.id, unitId })
          .orIgnore()
          .execute();
      }
      groups++;
    }
  }
  return { units: rows.length, groups };
}
