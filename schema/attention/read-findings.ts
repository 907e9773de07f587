import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import { factsFrom } from '../../server/facts/stored-facts';
import type { KpiDefinition } from '../../server/kpi/define-kpi';
import type { KpiFacts } from '../../server/kpi/findings';
import {
  ATTENTION_REASONS,
  CELEBRATION_REASONS,
  attentionSentence,
  celebrationSentence,
  rankFindings,
} from '../../server/kpi/findings';
import type { AttentionReason, CelebrationReason } from '../../server/kpi/findings';
import type { Context } from '../context';
import type { Candidate, FactList } from './fact.loaders';
import type { FoundFinding } from './finding.type';

interface Located extends Candidate {
  kpi: KpiDefinition;
  unit: OrgUnitEntity;
}

const unitFacts = (unit: OrgUnitEntity): KpiFacts['unit'] => ({
  code: unit.code,
  name: unit.name,
  level: unit.level,
  path: unit.path,
});

/** A collecting unit's month with nothing submitted: all a missing-data sentence needs. */
function missingFacts(kpi: KpiDefinition, unit: OrgUnitEntity, month: string): KpiFacts {
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

/** Whether the KPI is collected at the unit: a unit that stopped reporting one is missing data. */
function collects(kpi: KpiDefinition, unit: OrgUnitEntity): boolean {
  return (
    unit.level === kpi.collectedAt && (!kpi.appliesTo || kpi.appliesTo.some((tag) => unit.tags.includes(tag)))
  );
}

/**
 * The first `first` findings of one list across a unit's subtree in a month, from the facts kept current on
 * write: the candidates' reasons are read and ranked, and only the findings shown have their facts read for
 * their sentences.
 */
export async function readFindings(
  unit: OrgUnitEntity,
  month: string,
  list: FactList,
  first: number,
  { loaders, registry }: Context,
): Promise<FoundFinding[]> {
  const [below, candidates, stopped] = await Promise.all([
    loaders.orgUnits.descendants.load(unit.path),
    loaders.facts.reasons.load({ unit, month, list }),
    list === 'attention' ? loaders.facts.stoppedReporting.load({ unit, month }) : [],
  ]);
  const units = new Map([unit, ...below].map((each) => [each.id, each]));
  const located: Located[] = [];
  for (const candidate of candidates) {
    const kpi = registry.get(candidate.kpiKey);
    const at = units.get(candidate.unitId);
    if (kpi && at) located.push({ ...candidate, kpi, unit: at });
  }
  for (const { unitId, kpiKey } of stopped) {
    const kpi = registry.get(kpiKey);
    const at = units.get(unitId);
    if (kpi && at && collects(kpi, at))
      located.push({ unitId, kpiKey, reasons: ['MISSING_DATA'], kpi, unit: at });
  }

  const order: readonly string[] = list === 'attention' ? ATTENTION_REASONS : CELEBRATION_REASONS;
  const shown = rankFindings(located, order, (each) => ({
    reasons: each.reasons,
    unit: each.unit,
    kpiKey: each.kpiKey,
  })).slice(0, first);
  const facts = await loaders.facts.stored.loadMany(
    shown.map(({ item }) => ({ unitId: item.unitId, month, kpiKey: item.kpiKey })),
  );
  return shown.flatMap(({ item, reason, reasons, alsoAt, alsoFor }, index) => {
    const stored = facts[index];
    const kpiFacts =
      reason === 'MISSING_DATA'
        ? missingFacts(item.kpi, item.unit, month)
        : stored && !(stored instanceof Error)
          ? factsFrom(
              stored,
              { key: item.kpi.key, name: item.kpi.name, unit: item.kpi.unit },
              unitFacts(item.unit),
              month,
            )
          : null;
    // Facts worked out again between reading the reasons and the facts: the finding is gone.
    if (!kpiFacts) return [];
    const sentence =
      list === 'attention'
        ? attentionSentence(
            reason as AttentionReason,
            kpiFacts,
            alsoFor.map((other) => ({ kpi: other.kpi })),
          )
        : celebrationSentence(reason as CelebrationReason, kpiFacts);
    return [
      {
        kpi: item.kpi,
        orgUnit: item.unit,
        period: month,
        reasons,
        sentence,
        alsoAt: alsoAt.map((other) => other.unit),
        alsoFor: alsoFor.map((other) => other.kpi),
      },
    ];
  });
}
