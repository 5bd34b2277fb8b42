import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { sqlIn, UNIT_KINDS, UNIT_LEVELS, UnitKind, UnitLevel } from '@tracker/domain';

/** An agency, a government or an enterprise. A renamed agency points to its successor. */
@Entity({ name: 'units' })
@Check('ck_units_level', sqlIn('level', UNIT_LEVELS))
@Check('ck_units_kind', sqlIn('kind', UNIT_KINDS))
@Check('ck_units_not_own_successor', `"successor_id" IS NULL OR "successor_id" <> "id"`)
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_units_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: UnitLevel;

  @Column({ type: 'text' })
  kind: UnitKind;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Index('ix_units_successor')
  @Column({ name: 'successor_id', type: 'uuid', nullable: true })
  successorId: string | null;

  @ManyToOne('Unit', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'successor_id' })
  successor: Unit | null;

  /** Secret for the unit's calendar feed URL. */
  @Column({ name: 'calendar_token', type: 'text', nullable: true })
  calendarToken: string | null;

  @Column({ name: 'is_registered', type: 'boolean', default: true })
  isRegistered: boolean;
}

@Entity({ name: 'unit_aliases' })
export class UnitAlias {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_unit_aliases_alias', { unique: true })
  @Column({ type: 'text' })
  alias: string;

  @Index('ix_unit_aliases_unit')
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;
}

/** A collective assignee (各市人民政府) that expands to member units where they are known. */
@Entity({ name: 'unit_groups' })
export class UnitGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_unit_groups_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;
}

@Entity({ name: 'unit_group_members' })
export class UnitGroupMember {
  @Column({ name: 'group_id', type: 'uuid', primary: true })
  groupId: string;

  @Index('ix_unit_group_members_unit')
  @Column({ name: 'unit_id', type: 'uuid', primary: true })
  unitId: string;

  @ManyToOne('UnitGroup', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group: UnitGroup;

  @ManyToOne('Unit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;
}
