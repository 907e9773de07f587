import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgUnitEntity } from './org-unit.entity';

/**
 * The months of one calendar year a unit has submitted a KPI for, as bits (January is bit 0), kept with every
 * first submission: the counts to date of quarters and years are worked out from these few bits, and the lists
 * of what needs attention read from them which units have stopped reporting. Keyed by unit first, as a subtree
 * is read.
 */
@Entity({ tableName: 'reported_months' })
export class ReportedMonthsEntity {
  @ManyToOne(() => OrgUnitEntity, { primary: true, deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  @PrimaryKey()
  year!: number;

  @PrimaryKey({ length: 100 })
  kpiKey!: string;

  @Property()
  months!: number;
}
