import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgUnitEntity } from './org-unit.entity';

/**
 * The sums of the latest observations in a unit's whole subtree (the unit included) for one KPI and month,
 * kept current in each submission's transaction. Keyed by unit, month and KPI, in that order: every read asks
 * for a unit's months, of one KPI or of all.
 */
@Entity({ tableName: 'rollup' })
export class RollupEntity {
  @ManyToOne(() => OrgUnitEntity, { primary: true, deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  @PrimaryKey({ length: 7 })
  period!: string;

  @PrimaryKey({ length: 100 })
  kpiKey!: string;

  /** Input name to sum; JSON numbers are PostgreSQL numerics, so the sums stay exact. */
  @Property({ type: 'jsonb' })
  sums!: Record<string, number>;

  /** Collecting units in the subtree that have submitted for the month. */
  @Property()
  reporting!: number;

  /**
   * Collecting units in the subtree that have submitted for every month of this month's quarter, financial
   * year and calendar year up to this one: a longer period's `reporting` (see `toDateGains` in kpi/rollups.ts).
   */
  @Property({ default: 0 })
  reportingQuarter: number = 0;

  @Property({ default: 0 })
  reportingFinancialYear: number = 0;

  @Property({ default: 0 })
  reportingYear: number = 0;
}
