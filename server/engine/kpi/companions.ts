import { calculateSafely, completeSums } from './calculate-safely';
import type { KpiDefinition } from './define-kpi';
import { comparable } from './tiers';

export interface CompanionEvaluation {
  key: string;
  label: string;
  unit: string;
  floor: number | null;
  value: number | null;
  /** Set when the plugin's companion calculation failed: this companion alone shows no value. */
  error?: string;
}

/** A KPI's companions, calculated from the same sums as its value, in the order the plugin declares them. */
export function evaluateCompanions(
  kpi: KpiDefinition,
  sums: Readonly<Record<string, number>> | null,
): CompanionEvaluation[] {
  const complete = completeSums(Object.keys(kpi.inputs), sums);
  return Object.entries(kpi.companions ?? {}).map(([key, companion]) => ({
    key,
    label: companion.label,
    unit: companion.unit,
    floor: companion.floor ?? null,
    ...(complete ? calculateSafely(companion.calculate, sums) : { value: null }),
  }));
}

/** "Target hit, point missed": a companion under its floor. Null when there is no value or no floor. */
export function belowFloor(companion: Pick<CompanionEvaluation, 'value' | 'floor'>): boolean | null {
  if (companion.value === null || companion.floor === null) return null;
  return comparable(companion.value) < companion.floor;
}
