import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { UnitRollupChange } from '../../kpi/rollups';

/**
 * What one committed submission changed, for live subscribers on every instance: the notification
 * carries only this row's id, as PostgreSQL caps a notification's payload at 8,000 bytes.
 */
@Entity({ tableName: 'kpi_change' })
export class KpiChangeEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ length: 100 })
  kpiKey!: string;

  @Property({ length: 7 })
  period!: string;

  /** Each unit on the submitting unit's path, root first, with its roll-up before and after. */
  @Property({ type: 'jsonb' })
  units!: UnitRollupChange[];

  @Property({ columnType: 'timestamptz', defaultRaw: 'now()' })
  committedAt: Date = new Date();
}
