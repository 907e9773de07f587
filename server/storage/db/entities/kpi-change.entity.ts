import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One unit's roll-up either side of a change, as stored: unit id, sums and reporting before, then after. */
export type StoredUnitChange = [number, Record<string, number>, number, Record<string, number>, number];

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

  /**
   * Each unit whose roll-up moved, before and after: a submission's path, root first; an import's units in no
   * particular order. Plain JSON of arrays: an import writes one per unit of the tree, and PostgreSQL builds that
   * many times faster than binary JSON of objects.
   */
  @Property({ type: 'json', columnType: 'json' })
  units!: StoredUnitChange[];

  @Property({ columnType: 'timestamptz', defaultRaw: 'now()' })
  committedAt: Date = new Date();
}
