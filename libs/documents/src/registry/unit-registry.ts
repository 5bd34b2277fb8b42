import { removeSpaces } from '../text/text.util';
import { PROVINCE_NAMES } from '../units/unit-name.util';
import { inferUnitLevel } from './unit-classify';
import { CANONICAL_UNITS, UNIT_GROUPS } from './unit-registry.data';
import type {
  CanonicalUnit,
  ResolvedUnit,
  UnitGroupRecord,
  UnitSeedRow,
} from './unit-registry.types';

export { CANONICAL_UNITS, UNIT_GROUPS };

/** How documents of a region prefix their own departments (`自治区财政厅`, `省财政厅`). */
export const REGION_LOCAL_PREFIX: Record<string, string> = {
  guangxi: '自治区',
  guangdong: '省',
  national: '国家',
};
const REGION_CODES: Record<string, string> = { 广西: 'guangxi', 广东: 'guangdong' };

const unitsById = new Map(CANONICAL_UNITS.map((u) => [u.id, u]));

interface AliasEntry {
  unit: CanonicalUnit;
  /** The alias is a pre-reorganisation name. */
  former: boolean;
}

function formerStems(u: CanonicalUnit): string[] {
  return u.formerNames.map((n) => n.replace(/^(自治区|省)/, ''));
}

const unitsByAlias = new Map<string, AliasEntry[]>();
for (const u of CANONICAL_UNITS) {
  const stems = formerStems(u);
  for (const alias of new Set([u.name, u.shortName, ...u.aliases])) {
    const former = u.formerNames.includes(alias) || stems.some((stem) => alias.endsWith(stem));
    unitsByAlias.set(alias, [...(unitsByAlias.get(alias) ?? []), { unit: u, former }]);
  }
}
const groupsByName = new Map<string, UnitGroupRecord>();
for (const g of UNIT_GROUPS) for (const n of [g.name, ...g.aliases]) groupsByName.set(n, g);

function pick(entries: AliasEntry[] | undefined, region?: string): AliasEntry | null {
  if (!entries || entries.length === 0) return null;
  if (entries.length === 1) return entries[0];
  const inRegion = entries.filter((e) => e.unit.region === (region ?? null));
  return inRegion.length === 1 ? inRegion[0] : null;
}

/**
 * The canonical unit a name stands for, under any of its names (a pre-2018 name resolves to the
 * current unit). A bare department (`财政厅`) resolves within `region` ('guangxi', 'guangdong').
 * Returns null for unknown names and for collective names (see expandGroup).
 */
export function resolveUnit(name: string, region?: string): ResolvedUnit | null {
  const key = removeSpaces(name);
  const local = region ? REGION_LOCAL_PREFIX[region] : undefined;
  const entry =
    pick(unitsByAlias.get(key), region) ??
    (local && !key.startsWith(local) ? pick(unitsByAlias.get(local + key), region) : null);
  return entry ? { id: entry.unit.id, name: entry.unit.name, formerName: entry.former } : null;
}

export function findUnitById(id: string): CanonicalUnit | null {
  return unitsById.get(id) ?? null;
}

export function isGroupName(name: string): boolean {
  return groupsByName.has(removeSpaces(name));
}

export function findGroup(name: string): UnitGroupRecord | null {
  return groupsByName.get(removeSpaces(name)) ?? null;
}

/** Member unit names of a collective assignee (`各市人民政府` → the 14 city governments), else null. */
export function expandGroup(name: string): string[] | null {
  const group = findGroup(name);
  if (!group?.memberIds) return null;
  return group.memberIds.map((id) => unitsById.get(id)?.name).filter((n): n is string => !!n);
}

/** Region of a document's units: from the issuer's place, else the province the text names most. */
export function regionOfDocument(text: string, issuer: string | null): string | null {
  const first = issuer?.split('、')[0];
  if (first && (/^(国务院|国家|中共中央)/.test(first) || inferUnitLevel(first) === 'national'))
    return 'national';
  const counts = Object.keys(PROVINCE_NAMES).map(
    (short) => [short, text.split(short).length - 1] as const,
  );
  const fromIssuer = issuer
    ? Object.keys(PROVINCE_NAMES).find((short) => issuer.startsWith(short))
    : undefined;
  const best = fromIssuer ?? [...counts].sort((a, b) => b[1] - a[1]).find(([, n]) => n > 0)?.[0];
  if (!best) return null;
  return REGION_CODES[best] ?? best;
}

/**
 * One row per name for a seeder that keeps a renamed agency as its own unit pointing to its
 * successor: current units have `successorKey` null; each former name becomes a row whose
 * successor is the current unit.
 */
export function unitSeedRows(): UnitSeedRow[] {
  const rows: UnitSeedRow[] = [];
  for (const u of CANONICAL_UNITS) {
    rows.push({
      key: u.id,
      name: u.shortName,
      level: u.level,
      kind: u.kind,
      region: u.region,
      successorKey: null,
      aliases: [...new Set([u.name, ...u.aliases])].filter(
        (a) => a !== u.shortName && !u.formerNames.includes(a),
      ),
    });
    u.formerNames.forEach((former, i) => {
      rows.push({
        key: `${u.id}.former${i + 1}`,
        name: former,
        level: u.level,
        kind: u.kind,
        region: u.region,
        successorKey: u.id,
        aliases: [],
      });
    });
  }
  return rows;
}
