import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { OrgLevel } from '../../../engine/kpi/vocabulary';
import { OrgUnitEntity } from './org-unit.entity';

/**
 * How many units of one level and tag set a unit's subtree holds (the unit included), kept as units are
 * added: `expected` is read from these rows rather than counted over the tree.
 */
@Entity({ tableName: 'subtree_unit_count' })
export class SubtreeUnitCountEntity {
  @ManyToOne(() => OrgUnitEntity, { primary: true, deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  @PrimaryKey({ type: 'text', columnType: 'text' })
  level!: OrgLevel;

  @PrimaryKey({ type: 'text[]', columnType: 'text[]' })
  tags!: string[];

  @Property()
  units!: number;
}
