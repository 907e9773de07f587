import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgUnitEntity } from './org-unit.entity';

/**
 * The months of one calendar year a unit has submitted a KPI for, as bits (January is bit 0), kept with every
 * first submission: the counts to date of quarters and years are worked out from these few bits.
 */
@Entity({ tableName: 'reported_months' })
export class ReportedMonthsEntity {
  @PrimaryKey({ length: 100 })
  kpiKey!: string;

  @ManyToOne(() => OrgUnitEntity, { primary: true, deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  @PrimaryKey()
  year!: number;

  @Property()
  months!: number;
}
