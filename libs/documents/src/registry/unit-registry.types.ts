export type RegistryUnitLevel = 'national' | 'province' | 'city' | 'county';
export type RegistryUnitKind = 'department' | 'government' | 'enterprise' | 'other';

/** One agency, government or enterprise under its current name; older names resolve to it. */
export interface CanonicalUnit {
  /** Stable key (`gx.gxt`), usable as a natural key by a seeder. */
  id: string;
  /** Current official name (`广西壮族自治区工业和信息化厅`). */
  name: string;
  /** The short form documents use today (`自治区工业和信息化厅`). */
  shortName: string;
  /** 'guangxi' | 'guangdong' | null for national bodies. */
  region: string | null;
  level: RegistryUnitLevel;
  kind: RegistryUnitKind;
  /** Every name that resolves to this unit, former names included. */
  aliases: string[];
  /** Names used before the 2018 reorganisation (`自治区工业和信息化委`). */
  formerNames: string[];
}

/** A collective assignee (`各市人民政府`); members are unit ids where the documents let us know them. */
export interface UnitGroupRecord {
  id: string;
  name: string;
  region: string | null;
  aliases: string[];
  memberIds: string[] | null;
}

export interface ResolvedUnit {
  id: string;
  name: string;
  /** True when the name looked up is a pre-reorganisation name of the unit. */
  formerName: boolean;
}

/** A flat row per name, for a seeder whose units point to a successor (`successorKey`). */
export interface UnitSeedRow {
  key: string;
  name: string;
  level: RegistryUnitLevel;
  kind: RegistryUnitKind;
  region: string | null;
  successorKey: string | null;
  aliases: string[];
}
