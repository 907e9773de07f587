import type { CompanionEvaluation } from './companions';
import { belowFloor } from './companions';
import { formatValue, tierName } from './format-value';
import type { Assurance, SpcPoint, SpcRule } from './spc';
import type { OrgLevel, Tier } from './vocabulary';
import { TIERS, levelRank } from './vocabulary';

/**
 * What needs attention and what deserves celebration, from the facts of each KPI at each unit for one month.
 * Making Data Count's lesson drives the choice: react to signals, not to every point below the line, so
 * common-cause wobble inside established limits is never news on its own.
 */

/** Everything the findings are made from, for one KPI at one unit in one month. */
export interface KpiFacts {
  kpi: { key: string; name: string; unit: string };
  /** `path` is the unit's materialised path ("1.4.17."): a unit's path starts with its ancestors'. */
  unit: { code: string; name: string; level: OrgLevel; path: string };
  period: string;
  value: number | null;
  tier: Tier | null;
  /** The tier last month, with the thresholds that applied then. */
  previousTier: Tier | null;
  /** The Essential threshold that applies (local or the plugin's). */
  essential: number;
  /**
   * A collecting unit that has stopped submitting: it reported the KPI in earlier months of its chart but
   * not this one. A KPI a unit has never reported is a gap in set-up, which the cycle's REPORT step shows.
   */
  missing: boolean;
  /** The month's point on the unit's chart, and the chart's assurance and latest limits. */
  point: SpcPoint | null;
  assurance: Assurance | null;
  limits: { lower: number; upper: number; trial: boolean } | null;
  companions: readonly CompanionEvaluation[];
  /** The best tier of the earlier months on the chart (classified as now), and how many had a value. */
  bestEarlierTier: Tier | null;
  earlierValues: number;
}

/** Strongest first: an item's `reason` is the first that applies. */
export const ATTENTION_REASONS = [
  'SPECIAL_CAUSE_CONCERN',
  'CONSISTENTLY_FAILING',
  'TARGET_HIT_POINT_MISSED',
  'FELL_IN_TIER',
  'BELOW_ESSENTIAL',
  'MISSING_DATA',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export const CELEBRATION_REASONS = [
  'SPECIAL_CAUSE_IMPROVEMENT',
  'FIRST_TIME_TIER',
  'CONSISTENTLY_PASSING',
] as const;
export type CelebrationReason = (typeof CELEBRATION_REASONS)[number];

export interface Finding<Reason extends string, Facts extends KpiFacts = KpiFacts> {
  facts: Facts;
  /** The strongest reason, which the sentence speaks to. */
  reason: Reason;
  /** Every reason that applies, strongest first. */
  reasons: Reason[];
  sentence: string;
  /** Units below this one with the same KPI and reason, folded into this finding rather than listed again. */
  alsoAt: Facts[];
  /** Other KPIs at this unit with the same reason, for a reason that is about the unit, not one KPI. */
  alsoFor: Facts[];
}

const UNIT_WIDE_REASONS: ReadonlySet<string> = new Set<AttentionReason>(['MISSING_DATA']);

/** A first time at a tier means something only against a history: this many earlier months with a value. */
export const FIRST_TIME_HISTORY = 6;

const tierRank = (tier: Tier) => TIERS.indexOf(tier);

/** A point inside limits that rest on enough data, flagged by no rule: the process doing what it does. */
function isWobble(facts: KpiFacts): boolean {
  return facts.point?.pointType === 'COMMON_CAUSE' && facts.limits !== null && !facts.limits.trial;
}

const RULE_PHRASES: Record<SpcRule, { concern: string; improvement: string }> = {
  ASTRONOMICAL: { concern: 'beyond its process limits', improvement: 'beyond its process limits' },
  SHIFT: {
    concern: 'a run of seven or more months on the worse side of its mean',
    improvement: 'a run of seven or more months on the better side of its mean',
  },
  TREND: {
    concern: 'seven or more months in a row getting worse',
    improvement: 'seven or more months in a row getting better',
  },
  TWO_OF_THREE: {
    concern: 'two of three months close to its worse limit',
    improvement: 'two of three months close to its better limit',
  },
};

function rulesPhrase(point: SpcPoint, side: 'concern' | 'improvement'): string {
  return point.rules.map((rule) => RULE_PHRASES[rule][side]).join('; ');
}

/** Why one KPI at one unit needs attention in its month, strongest first; none when it does not. */
export function attentionReasons(facts: KpiFacts): AttentionReason[] {
  if (facts.missing) return ['MISSING_DATA'];
  if (facts.value === null || facts.tier === null) return [];
  const reasons: AttentionReason[] = [];
  if (facts.point?.pointType === 'SPECIAL_CAUSE_CONCERN') reasons.push('SPECIAL_CAUSE_CONCERN');
  // Limits describe the process until it changes: after a special-cause improvement they are stale.
  if (facts.assurance === 'CONSISTENTLY_FAIL' && facts.point?.pointType !== 'SPECIAL_CAUSE_IMPROVEMENT') {
    reasons.push('CONSISTENTLY_FAILING');
  }
  if (facts.tier !== 'BELOW_ESSENTIAL' && facts.companions.some((companion) => belowFloor(companion))) {
    reasons.push('TARGET_HIT_POINT_MISSED');
  }
  if (facts.previousTier && tierRank(facts.tier) < tierRank(facts.previousTier) && !isWobble(facts)) {
    reasons.push('FELL_IN_TIER');
  }
  // A red month in a process whose limits straddle Essential is the process hitting and missing as it does.
  if (facts.tier === 'BELOW_ESSENTIAL' && !isWobble(facts)) reasons.push('BELOW_ESSENTIAL');
  return reasons;
}

/** Why one KPI at one unit deserves celebrating in its month, strongest first; none when it does not. */
export function celebrationReasons(facts: KpiFacts): CelebrationReason[] {
  // A month that signals change for the worse is not celebrated for anything, whatever the history says.
  if (facts.value === null || facts.tier === null || facts.point?.pointType === 'SPECIAL_CAUSE_CONCERN')
    return [];
  const reasons: CelebrationReason[] = [];
  if (facts.point?.pointType === 'SPECIAL_CAUSE_IMPROVEMENT') reasons.push('SPECIAL_CAUSE_IMPROVEMENT');
  // Unlike a fall, a first is news even inside the limits: the team has not been there in the whole chart.
  if (
    facts.tier !== 'BELOW_ESSENTIAL' &&
    facts.earlierValues >= FIRST_TIME_HISTORY &&
    facts.bestEarlierTier !== null &&
    tierRank(facts.tier) > tierRank(facts.bestEarlierTier)
  ) {
    reasons.push('FIRST_TIME_TIER');
  }
  if (facts.assurance === 'CONSISTENTLY_PASS') reasons.push('CONSISTENTLY_PASSING');
  return reasons;
}

/** The one sentence that says why: `alsoFor` are the other KPIs a unit-wide reason folds in. */
export function attentionSentence(
  reason: AttentionReason,
  facts: KpiFacts,
  alsoFor: readonly Pick<KpiFacts, 'kpi'>[],
): string {
  const { kpi, unit, period } = facts;
  const value = facts.value === null ? '' : formatValue(facts.value, kpi.unit);
  const essential = formatValue(facts.essential, kpi.unit);
  const at = `${kpi.name} at ${unit.name}`;
  switch (reason) {
    case 'SPECIAL_CAUSE_CONCERN':
      return `${at} is ${value} in ${period}: ${rulesPhrase(facts.point!, 'concern')}, a signal of change for the worse rather than noise.`;
    case 'CONSISTENTLY_FAILING':
      return `${at} will keep missing Essential (${essential}) unless the process changes: its limits run from ${formatValue(facts.limits!.lower, kpi.unit)} to ${formatValue(facts.limits!.upper, kpi.unit)}.`;
    case 'TARGET_HIT_POINT_MISSED': {
      const companion = facts.companions.find((candidate) => belowFloor(candidate))!;
      return `${at} meets ${tierName(facts.tier!)} at ${value}, but "${companion.label}" reads ${formatValue(companion.value!, companion.unit)}, under its floor of ${formatValue(companion.floor!, companion.unit)}: the target is hit and the point missed.`;
    }
    case 'FELL_IN_TIER':
      return `${at} fell from ${tierName(facts.previousTier!)} to ${tierName(facts.tier!)} in ${period}, at ${value}.`;
    case 'BELOW_ESSENTIAL':
      return `${at} is ${value} in ${period}, below Essential (${essential}).`;
    case 'MISSING_DATA':
      return alsoFor.length === 0
        ? `${unit.name} has not submitted ${kpi.name} for ${period}.`
        : `${unit.name} has not submitted ${alsoFor.length + 1} KPIs for ${period}: ${kpi.name}, ${alsoFor.map((other) => other.kpi.name).join(', ')}.`;
  }
}

export function celebrationSentence(reason: CelebrationReason, facts: KpiFacts): string {
  const { kpi, unit, period } = facts;
  const value = formatValue(facts.value!, kpi.unit);
  const at = `${kpi.name} at ${unit.name}`;
  switch (reason) {
    case 'SPECIAL_CAUSE_IMPROVEMENT':
      return `${at} is ${value} in ${period}: ${rulesPhrase(facts.point!, 'improvement')}, a real improvement rather than luck.`;
    case 'FIRST_TIME_TIER':
      return `${at} reached ${tierName(facts.tier!)} for the first time in ${facts.earlierValues + 1} months, at ${value} in ${period}.`;
    case 'CONSISTENTLY_PASSING':
      return `${at} can be relied on to meet Essential (${formatValue(facts.essential, kpi.unit)}): its limits run from ${formatValue(facts.limits!.lower, kpi.unit)} to ${formatValue(facts.limits!.upper, kpi.unit)}.`;
  }
}

/** What ranking reads of a candidate: its reasons, strongest first, where it is, and which KPI. */
export interface RankingKey<Reason extends string> {
  reasons: readonly Reason[];
  unit: Pick<KpiFacts['unit'], 'code' | 'level' | 'path'>;
  kpiKey: string;
}

export interface RankedFinding<Reason extends string, Item> {
  item: Item;
  reason: Reason;
  reasons: Reason[];
  /** Candidates below this one with the same KPI and reason, folded into it rather than listed again. */
  alsoAt: Item[];
  /** Other KPIs at this unit with the same reason, for a reason that is about the unit, not one KPI. */
  alsoFor: Item[];
}

/**
 * The candidates with a reason, strongest reason first, then the broader unit, whose number speaks for more
 * people, then a stable order; a finding shown at a unit already listed above it, with the same KPI and
 * reason, is said once there, and a unit-wide reason once per unit. Each candidate is looked up against the
 * few units on its own path, so the work grows with the candidates, not with their square.
 *
 * Folding only ever joins findings of one reason, so the candidates are taken a reason at a time: with
 * `enough` findings in hand, the reasons after the one that gave the last of them are never sorted at all.
 */
export function rankFindings<Reason extends string, Item>(
  items: readonly Item[],
  order: readonly Reason[],
  keyOf: (item: Item) => RankingKey<Reason>,
  enough = Infinity,
): RankedFinding<Reason, Item>[] {
  const steps = rankingInSteps(items, order, keyOf, enough);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Candidates ranked between two of `rankingInSteps`' steps: a few milliseconds' work. */
const CANDIDATES_PER_STEP = 5_000;

/**
 * `rankFindings` a step at a time: a server ranking the hundred thousand candidates of a whole system gives
 * other requests a turn between steps.
 */
export function* rankingInSteps<Reason extends string, Item>(
  items: readonly Item[],
  order: readonly Reason[],
  keyOf: (item: Item) => RankingKey<Reason>,
  enough = Infinity,
): Generator<void, RankedFinding<Reason, Item>[], void> {
  let taken = 0;
  const byReason = order.map(() => [] as { item: Item; key: RankingKey<Reason> }[]);
  const units = new Map<string, RankingKey<Reason>['unit']>();
  const kpiKeys = new Set<string>();
  for (const item of items) {
    if (++taken % CANDIDATES_PER_STEP === 0) yield;
    const key = keyOf(item);
    if (key.reasons.length === 0) continue;
    byReason[order.indexOf(key.reasons[0]!)]!.push({ item, key });
    if (!units.has(key.unit.path)) units.set(key.unit.path, key.unit);
    kpiKeys.add(key.kpiKey);
  }
  const rankOf = stableRanks([...units.values()], [...kpiKeys]);
  const prefixesOf = new Map([...units.keys()].map((path) => [path, pathPrefixes(path)]));
  const kept: RankedFinding<Reason, Item>[] = [];
  for (const candidates of byReason) {
    if (kept.length >= enough) break;
    const keptByKpiAndUnit = new Map<string, Map<string, RankedFinding<Reason, Item>>>();
    const keptByUnit = new Map<string, RankedFinding<Reason, Item>>();
    yield;
    for (const { item, key } of inRankOrder(candidates, rankOf)) {
      if (++taken % CANDIDATES_PER_STEP === 0) yield;
      const reason = key.reasons[0]!;
      // A signal at a service usually shows at its wards too: say it once, at the highest unit, naming the rest.
      const keptForKpi = keptByKpiAndUnit.get(key.kpiKey);
      const above = keptForKpi && prefixesOf.get(key.unit.path)!.find((path) => keptForKpi.has(path));
      if (above) {
        keptForKpi.get(above)!.alsoAt.push(item);
        continue;
      }
      // A unit that has stopped reporting has one thing to fix, however many KPIs it stopped reporting.
      const sameUnit = UNIT_WIDE_REASONS.has(reason) ? keptByUnit.get(key.unit.path) : undefined;
      if (sameUnit) {
        sameUnit.alsoFor.push(item);
        continue;
      }
      const finding: RankedFinding<Reason, Item> = {
        item,
        reason,
        reasons: [...key.reasons],
        alsoAt: [],
        alsoFor: [],
      };
      kept.push(finding);
      if (keptForKpi) keptForKpi.set(key.unit.path, finding);
      else keptByKpiAndUnit.set(key.kpiKey, new Map([[key.unit.path, finding]]));
      if (UNIT_WIDE_REASONS.has(reason)) keptByUnit.set(key.unit.path, finding);
    }
  }
  return kept;
}

interface StableRanks {
  unit: Map<string, number>;
  kpi: Map<string, number>;
}

/**
 * The broader unit first, then by code, then by KPI key, as numbers: the few thousand units and few dozen KPIs
 * are compared as text once each, not once for every comparison of a hundred thousand candidates.
 */
function stableRanks(units: RankingKey<string>['unit'][], kpiKeys: string[]): StableRanks {
  units.sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.code.localeCompare(b.code));
  kpiKeys.sort((a, b) => a.localeCompare(b));
  return {
    unit: new Map(units.map((unit, rank) => [unit.path, rank])),
    kpi: new Map(kpiKeys.map((kpiKey, rank) => [kpiKey, rank])),
  };
}

/** The candidates in rank order, sorted as one array of numbers (rank, then position), which needs no comparator. */
function inRankOrder<Candidate extends { key: RankingKey<string> }>(
  candidates: readonly Candidate[],
  { unit, kpi }: StableRanks,
): Candidate[] {
  const positions = 2 ** Math.ceil(Math.log2(candidates.length + 1));
  const packed = new Float64Array(candidates.length);
  candidates.forEach(({ key }, position) => {
    packed[position] = (unit.get(key.unit.path)! * kpi.size + kpi.get(key.kpiKey)!) * positions + position;
  });
  packed.sort();
  return Array.from(packed, (rank) => candidates[rank % positions]!);
}

/** A unit's path and each of its ancestors' ("1.4.17." gives "1.", "1.4." and "1.4.17."), root first. */
function pathPrefixes(path: string): string[] {
  const prefixes: string[] = [];
  for (let end = path.indexOf('.'); end !== -1; end = path.indexOf('.', end + 1))
    prefixes.push(path.slice(0, end + 1));
  return prefixes;
}

function ranked<Reason extends string, Facts extends KpiFacts>(
  facts: readonly Facts[],
  order: readonly Reason[],
  reasonsOf: (facts: KpiFacts) => Reason[],
  sentenceOf: (reason: Reason, facts: KpiFacts, alsoFor: readonly KpiFacts[]) => string,
): Finding<Reason, Facts>[] {
  return rankFindings(facts, order, (each) => ({
    reasons: reasonsOf(each),
    unit: each.unit,
    kpiKey: each.kpi.key,
  })).map(({ item, reason, reasons, alsoAt, alsoFor }) => ({
    facts: item,
    reason,
    reasons,
    sentence: sentenceOf(reason, item, alsoFor),
    alsoAt,
    alsoFor,
  }));
}

export function needingAttention<Facts extends KpiFacts>(
  facts: readonly Facts[],
): Finding<AttentionReason, Facts>[] {
  return ranked(facts, ATTENTION_REASONS, attentionReasons, attentionSentence);
}

export function worthCelebrating<Facts extends KpiFacts>(
  facts: readonly Facts[],
): Finding<CelebrationReason, Facts>[] {
  return ranked(facts, CELEBRATION_REASONS, celebrationReasons, celebrationSentence);
}
