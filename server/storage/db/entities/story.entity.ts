import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { StoryKind } from '../../../engine/story/story-kinds';
import { OrgUnitEntity } from './org-unit.entity';

/**
 * A narrative about one unit's month, and about one KPI there unless `kpiKey` is null. The row holds the
 * current version; every version, this one included, is kept in `story_revision`.
 */
@Entity({ tableName: 'story' })
@Index({ properties: ['orgUnit', 'period'] })
@Index({ properties: ['period', 'orgUnit'] })
export class StoryEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgUnitEntity, { deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  /** The month, `YYYY-MM`. */
  @Property({ length: 7 })
  period!: string;

  /** Null for a story about the unit's month as a whole. */
  @Property({ type: 'string', length: 100, nullable: true })
  kpiKey!: string | null;

  @Property({ type: 'text', columnType: 'text' })
  kind!: StoryKind;

  @Property({ type: 'text', columnType: 'text' })
  text!: string;

  @Property({ length: 200 })
  author!: string;

  @Property()
  version!: number;

  @Property({ columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ columnType: 'timestamptz' })
  updatedAt!: Date;
}
