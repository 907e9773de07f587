import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { OrgLevel } from '../../../engine/kpi/vocabulary';

@Entity({ tableName: 'org_unit' })
export class OrgUnitEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ unique: true, length: 64 })
  code!: string;

  @Property({ length: 200 })
  name!: string;

  @Property({ type: 'text', columnType: 'text' })
  level!: OrgLevel;

  @ManyToOne(() => OrgUnitEntity, { nullable: true, deleteRule: 'restrict' })
  parent?: OrgUnitEntity;

  /**
   * Ids from the root down to this unit, each followed by a dot (`1.4.17.`), so a subtree is one
   * indexed prefix match and the ancestors are read straight off the path.
   */
  @Index({
    name: 'org_unit_path_prefix',
    expression: 'create index "org_unit_path_prefix" on "org_unit" ("path" text_pattern_ops)',
  })
  @Property({ type: 'text', columnType: 'text' })
  path!: string;

  @Property({ type: 'text[]', columnType: 'text[]', default: '{}' })
  tags: string[] = [];

  @Property({ columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
