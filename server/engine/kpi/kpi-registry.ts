import { badUserInput } from '../errors';
import { calculateSafely, completeSums } from './calculate-safely';
import type { KpiDefinition, TierThresholds } from './define-kpi';
import type { LoadedKpi } from './load-kpi-plugins';
import { classifyTier } from './tiers';
import type { Tier } from './vocabulary';

export interface Evaluation {
  value: number | null;
  tier: Tier | null;
  /** Set when the plugin's calculate threw or gave a non-finite number: this KPI alone shows no value. */
  error?: string;
}

/** The KPIs loaded at start-up, in load order, with a plugin's failure at run time contained to that KPI. */
export class KpiRegistry {
  private readonly byKey: ReadonlyMap<string, LoadedKpi>;

  constructor(readonly loaded: readonly LoadedKpi[]) {
    this.byKey = new Map(loaded.map((kpi) => [kpi.definition.key, kpi]));
  }

  all(): KpiDefinition[] {
    return this.loaded.map((kpi) => kpi.definition);
  }

  get(key: string): KpiDefinition | undefined {
    return this.byKey.get(key)?.definition;
  }

  /** The KPI a request names in `field`, or BAD_USER_INPUT naming that field. */
  named(key: string, field = 'kpi'): KpiDefinition {
    const kpi = this.get(key);
    if (!kpi) throw badUserInput(field, `there is no KPI "${key}"`);
    return kpi;
  }

  /** A roll-up's value: no value unless it holds a sum for every input the KPI declares. */
  evaluateSums(
    kpi: KpiDefinition,
    sums: Readonly<Record<string, number>> | null,
    thresholds: TierThresholds = kpi.tiers,
  ): Evaluation {
    return completeSums(Object.keys(kpi.inputs), sums)
      ? this.evaluate(kpi, sums, thresholds)
      : { value: null, tier: null };
  }

  /** The tier is classified with `thresholds`: the plugin's unless a unit's local ones apply. */
  evaluate(
    kpi: KpiDefinition,
    inputs: Readonly<Record<string, number>>,
    thresholds: TierThresholds = kpi.tiers,
  ): Evaluation {
    const calculated = calculateSafely(kpi.calculate, inputs);
    if (calculated.value === null) return { ...calculated, tier: null };
    return { value: calculated.value, tier: classifyTier(calculated.value, thresholds, kpi.direction) };
  }
}
