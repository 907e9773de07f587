import type { KpiFacts } from '../kpi/findings';

/** A KPI's facts at a unit in a month as stored: what `KpiFacts` holds beyond the KPI, unit and month. */
export type StoredFacts = Omit<KpiFacts, 'kpi' | 'unit' | 'period' | 'missing'>;

export function storedFactsOf(facts: KpiFacts): StoredFacts {
  return {
    value: facts.value,
    tier: facts.tier,
    previousTier: facts.previousTier,
    essential: facts.essential,
    point: facts.point,
    assurance: facts.assurance,
    limits: facts.limits,
    companions: facts.companions,
    bestEarlierTier: facts.bestEarlierTier,
    earlierValues: facts.earlierValues,
  };
}

/** The stored facts with their KPI, unit and month put back. */
export function factsFrom(
  stored: StoredFacts,
  kpi: KpiFacts['kpi'],
  unit: KpiFacts['unit'],
  period: string,
): KpiFacts {
  return { ...stored, kpi, unit, period, missing: false };
}
