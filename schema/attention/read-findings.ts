import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import type { AttentionReason, CelebrationReason, KpiFacts } from '../../server/engine/kpi/findings';
import {
  ATTENTION_REASONS,
  CELEBRATION_REASONS,
  attentionSentence,
  celebrationSentence,
  rankingInSteps,
} from '../../server/engine/kpi/findings';
import { kpiFactsOf } from '../../server/engine/kpi/kpi-facts';
import { previousMonth } from '../../server/engine/kpi/period';
import { inTurns, stepsInTurns } from '../../server/engine/pace';
import type { Context } from '../context';
import type { Candidate, FactList } from './fact.loaders';
import type { UnitRow } from '../../server/storage/org/unit-row';
import type { FoundFinding } from './finding.type';

interface Located extends Candidate {
  kpi: KpiDefinition;
  unit: UnitRow;
}

const unitFacts = (unit: UnitRow): KpiFacts['unit'] => ({
  code: unit.code,
  name: unit.name,
  level: unit.level,
  path: unit.path,
});

/** A collecting unit's month with nothing submitted: all a missing-data sentence needs. */
function missingFacts({ kpi, unit }: Located, month: string): KpiFacts {
  return {
    kpi: { key: kpi.key, name: kpi.name, unit: kpi.unit },
    unit: unitFacts(unit),
    period: month,
    value: null,
    tier: null,
    previousTier: null,
    essential: kpi.tiers.essential,
    missing: true,
    point: null,
    assurance: null,
    limits: null,
    companions: [],
    bestEarlierTier: null,
    earlierValues: 0,
  };
}

/** A shown finding's facts, worked out as when they were stored: from its chart's sums and the thresholds. */
async function factsNow(
  { kpi, unit, unitId }: Located,
  month: string,
  context: Context,
): Promise<KpiFacts | null> {
  const { loaders, registry } = context;
  const lastMonth = previousMonth(month);
  const [sums, applied, appliedLastMonth] = await Promise.all([
    loaders.facts.chartSums.load({ unitId, month, kpiKey: kpi.key }),
    loaders.tierThresholds.applied.load({ unit, kpi, month }),
    loaders.tierThresholds.applied.load({ unit, kpi, month: lastMonth }),
  ]);
  return kpiFactsOf({
    kpi,
    unit: unitFacts(unit),
    month,
    sumsIn: (period) => sums.get(period) ?? null,
    thresholdsIn: (period) => (period === month ? applied : appliedLastMonth).thresholds,
    evaluate: (definition, periodSums, thresholds) =>
      registry.evaluateSums(definition, periodSums, thresholds),
  });
}

/** Whether the KPI is collected at the unit: a unit that stopped reporting one is missing data. */
function collects(kpi: KpiDefinition, unit: UnitRow): boolean {
  return (
    unit.level === kpi.collectedAt && (!kpi.appliesTo || kpi.appliesTo.some((tag) => unit.tags.includes(tag)))
  );
}

/**
 * The first `first` findings of one list across a unit's subtree in a month, from the facts kept current on
 * write: the candidates' reasons are read and ranked, and only the findings shown have their facts worked out
 * again, for their sentences.
 */
export async function readFindings(
  unit: OrgUnitEntity,
  month: string,
  list: FactList,
  first: number,
  context: Context,
): Promise<FoundFinding[]> {
  const { loaders, registry } = context;
  const [subtree, candidates, stopped] = await Promise.all([
    loaders.orgUnits.subtreeRows.load(unit.path),
    loaders.facts.reasons.load({ unit, month, list }),
    list === 'attention' ? loaders.facts.stoppedReporting.load({ unit, month }) : [],
  ]);
  const units = new Map(subtree.map((each) => [each.id, each]));
  const usable = (candidate: Candidate) => {
    const kpi = registry.get(candidate.kpiKey);
    const at = units.get(candidate.unitId);
    return (
      kpi !== undefined && at !== undefined && (candidate.reasons[0] !== 'MISSING_DATA' || collects(kpi, at))
    );
  };
  const all: Candidate[] = [];
  await inTurns(candidates, (candidate) => void (usable(candidate) && all.push(candidate)), {
    signal: context.signal,
  });
  for (const { unitId, kpiKey } of stopped) {
    const candidate = { unitId, kpiKey, reasons: ['MISSING_DATA'] };
    if (usable(candidate)) all.push(candidate);
  }

  const order: readonly string[] = list === 'attention' ? ATTENTION_REASONS : CELEBRATION_REASONS;
  const keyOf = (candidate: Candidate) => ({
    reasons: candidate.reasons,
    unit: units.get(candidate.unitId)!,
    kpiKey: candidate.kpiKey,
  });
  const located = (candidate: Candidate): Located => ({
    ...candidate,
    kpi: registry.get(candidate.kpiKey)!,
    unit: units.get(candidate.unitId)!,
  });
  const shown = (await stepsInTurns(rankingInSteps(all, order, keyOf, first), context.signal))
    .slice(0, first)
    .map((finding) => ({
      ...finding,
      item: located(finding.item),
      alsoAt: finding.alsoAt.map(located),
      alsoFor: finding.alsoFor.map(located),
    }));
  // Entities only for the units a finding shows.
  const shownIds = [
    ...new Set(shown.flatMap(({ item, alsoAt }) => [item, ...alsoAt].map((each) => each.unitId))),
  ];
  const shownUnits = await loaders.orgUnits.manyById(shownIds);
  const facts = await Promise.all(
    shown.map(({ item, reason }) =>
      reason === 'MISSING_DATA' ? missingFacts(item, month) : factsNow(item, month, context),
    ),
  );
  return shown.flatMap(({ item, reason, reasons, alsoAt, alsoFor }, index) => {
    const kpiFacts = facts[index];
    // The data changed after its reasons were worked out: the finding goes once they are worked out again.
    if (!kpiFacts) return [];
    const sentence =
      list === 'attention'
        ? attentionSentence(reason as AttentionReason, kpiFacts, alsoFor)
        : celebrationSentence(reason as CelebrationReason, kpiFacts);
    return [
      {
        kpi: item.kpi,
        orgUnit: shownUnits.get(item.unitId)!,
        period: month,
        reasons,
        sentence,
        alsoAt: alsoAt.flatMap((other) => shownUnits.get(other.unitId) ?? []),
        alsoFor: alsoFor.map((other) => other.kpi),
      },
    ];
  });
}
