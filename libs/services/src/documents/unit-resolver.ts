import { Unit, UnitAlias, UnitGroup, UnitGroupMember, UnitsRepository } from '@tracker/database';
import { inferUnitKind, inferUnitLevel } from '@tracker/documents';
import { EntityManager } from 'typeorm';

export interface ResolvedUnit {
  id: string;
  name: string;
}

/**
 * Resolves a name as a document writes it to registered units: a unit's own name, one of its
 * aliases, or a collective (各市人民政府) expanded to its members. With `create`, a name the
 * registry does not know becomes a new, unregistered unit so the import loses nothing.
 */
export class UnitResolver {
  private readonly cache = new Map<string, { units: ResolvedUnit[]; groupId: string | null }>();
  // Names the registry does not know, asked once: a long document repeats them thousands of times.
  private readonly missing = new Set<string>();

  constructor(
    private readonly em: EntityManager,
    private readonly opts: { create?: boolean; region?: string | null } = {},
  ) {}

  async lookup(name: string): Promise<ResolvedUnit[]> {
    return (await this.find(name))?.units ?? [];
  }

  async resolveForAssignment(
    name: string,
  ): Promise<{ units: ResolvedUnit[]; groupId: string | null }> {
    const found = await this.find(name);
    if (found) return found;
    if (!this.opts.create) return { units: [], groupId: null };
    await new UnitsRepository(this.em).insertUnregisteredIfMissing({
      name,
      level: inferUnitLevel(name),
      kind: inferUnitKind(name),
      region: this.opts.region ?? null,
    });
    const unit = await this.em
      .getRepository(Unit)
      .findOneOrFail({ where: { name }, select: { id: true, name: true } });
    const resolved = { units: [{ id: unit.id, name: unit.name }], groupId: null };
    this.cache.set(name, resolved);
    return resolved;
  }

  private async find(
    name: string,
  ): Promise<{ units: ResolvedUnit[]; groupId: string | null } | null> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (this.missing.has(name)) return null;
    let result: { units: ResolvedUnit[]; groupId: string | null } | null = null;
    const unit = await this.em
      .getRepository(Unit)
      .findOne({ where: { name }, select: { id: true, name: true } });
    if (unit) result = { units: [{ id: unit.id, name: unit.name }], groupId: null };
    if (!result) {
      const alias = await this.em
        .getRepository(UnitAlias)
        .findOne({ where: { alias: name }, relations: { unit: true } });
      if (alias) result = { units: [{ id: alias.unit.id, name: alias.unit.name }], groupId: null };
    }
    if (!result) {
      const group = await this.em
        .getRepository(UnitGroup)
        .findOne({ where: { name }, select: { id: true } });
      if (group) {
        const members = await this.em.getRepository(UnitGroupMember).find({
          where: { groupId: group.id },
          relations: { unit: true },
          order: { unit: { name: 'ASC' } },
        });
        if (members.length > 0) {
          result = {
            units: members.map((m) => ({ id: m.unit.id, name: m.unit.name })),
            groupId: group.id,
          };
        }
      }
    }
    if (result) this.cache.set(name, result);
    else this.missing.add(name);
    return result;
  }
}
