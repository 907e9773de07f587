import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { OrgUnitEntity } from './org-unit.entity';

/**
 * The stored steps of one unit's governance cycle for one month. REPORT and REFLECT are read from the data,
 * so the row is made by the sign-off (REVIEW); one row per unit and month is what stops two sign-offs.
 */
@Entity({ tableName: 'review_cycle' })
@Unique({ properties: ['orgUnit', 'period'] })
export class ReviewCycleEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgUnitEntity, { deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  /** The month, `YYYY-MM`. */
  @Property({ length: 7 })
  period!: string;

  @Property({ length: 200 })
  signedOffBy!: string;

  @Property({ columnType: 'timestamptz' })
  signedOffAt!: Date;

  @Property({ type: 'text', columnType: 'text' })
  signOffComment!: string;

  /** The refresh fields are null until the cycle is refreshed, which completes it. */
  @Property({ type: 'text', columnType: 'text', nullable: true })
  refreshNote: string | null = null;

  @Property({ type: 'text[]', columnType: 'text[]', default: '{}' })
  refreshFocusKpis: string[] & Opt = [];

  @Property({ type: 'string', length: 200, nullable: true })
  refreshedBy: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  refreshedAt: Date | null = null;
}
