import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { TierThresholds } from '../../../engine/kpi/define-kpi';
import type { LocalThresholdSetting } from '../../../engine/kpi/applied-thresholds';
import { OrgUnitEntity } from './org-unit.entity';

/**
 * A unit's own tier thresholds for one KPI from one month on, or a reset to what applies above it.
 * Settings are only ever inserted: the rows are the history of a unit's ambition.
 */
@Entity({ tableName: 'tier_threshold_setting' })
@Index({ properties: ['kpiKey', 'orgUnit', 'fromPeriod'] })
export class TierThresholdSettingEntity implements LocalThresholdSetting {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ length: 100 })
  kpiKey!: string;

  @ManyToOne(() => OrgUnitEntity, { deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  /** The first month it applies to, `YYYY-MM`. */
  @Property({ length: 7 })
  fromPeriod!: string;

  /** The four thresholds are null exactly when this is a reset. */
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  essential: number | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  desirable: number | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  aspirational: number | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  breakthrough: number | null = null;

  @Property()
  reset!: boolean;

  @Property({ length: 200 })
  setBy!: string;

  @Property({ columnType: 'timestamptz' })
  setAt!: Date;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  get thresholds(): TierThresholds | null {
    if (this.reset) return null;
    return {
      essential: this.essential!,
      desirable: this.desirable!,
      aspirational: this.aspirational!,
      breakthrough: this.breakthrough!,
    };
  }
}
