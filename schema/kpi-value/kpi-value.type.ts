import { Field, ObjectType } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { TierThresholdSettingEntity } from '../../server/storage/db/entities/tier-threshold-setting.entity';
import type { AppliedThresholds } from '../../server/engine/kpi/applied-thresholds';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import type { Evaluation } from '../../server/engine/kpi/kpi-registry';
import type { Period } from '../../server/engine/kpi/period';

/**
 * A KPI at one unit for one period: `calculate` of the input sums over the unit's whole subtree,
 * never an average of the children's values.
 */
@ObjectType('KpiValue', {
  description: "A KPI's value at one unit for one period, from the sums of its subtree's inputs.",
})
export class KpiValue {
  constructor(
    readonly kpi: KpiDefinition,
    readonly unit: OrgUnitEntity,
    readonly periodOf: Period,
  ) {}

  /** Shared by the fields that need the sums, so each value is computed once per request. */
  evaluation?: Promise<{
    inputs: Record<string, number> | null;
    result: Evaluation;
    /** What `result.tier` was classified with. */
    thresholds: AppliedThresholds<TierThresholdSettingEntity>;
  }>;

  /** Set when the value was computed once for many live subscribers: the fields read it, not the database. */
  known?: { reporting: number; expected: number };

  @Field({
    description: 'As asked: a month (2026-10), quarter (2026-Q3), financial year (FY2026) or year (2026).',
  })
  get period(): string {
    return this.periodOf.label;
  }
}
