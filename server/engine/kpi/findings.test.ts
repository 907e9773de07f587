import type { KpiFacts } from './findings';
import { needingAttention, worthCelebrating } from './findings';
import type { SpcPoint } from './spc';

const COMMON: SpcPoint = {
  period: '2026-03',
  value: 85,
  mean: 88,
  upperProcessLimit: 98,
  lowerProcessLimit: 78,
  specialCause: false,
  rules: [],
  pointType: 'COMMON_CAUSE',
};

/** A ward meeting Essential in a process inside settled limits: nothing to say. */
function facts(change: Partial<KpiFacts> = {}): KpiFacts {
  return {
    kpi: { key: 'seven-day-follow-up', name: 'Seven-day follow-up', unit: 'PERCENT' },
    unit: { code: 'WARD', name: 'Rowan Ward', level: 'TEAM', path: '1.2.3.4.' },
    period: '2026-03',
    value: 85,
    tier: 'ESSENTIAL',
    previousTier: 'ESSENTIAL',
    essential: 80,
    missing: false,
    point: COMMON,
    assurance: 'INCONSISTENT',
    limits: { lower: 78, upper: 98, trial: false },
    companions: [],
    bestEarlierTier: 'DESIRABLE',
    earlierValues: 23,
    ...change,
  };
}

const special = (pointType: SpcPoint['pointType'], rules: SpcPoint['rules']): SpcPoint => ({
  ...COMMON,
  specialCause: true,
  rules,
  pointType,
});

const ASSESSED_SHARE = {
  key: 'assessedShare',
  label: 'Follow-ups that assessed',
  unit: 'PERCENT',
  floor: 80,
};

describe('needingAttention', () => {
  it.each<[string, Partial<KpiFacts>, string[], string]>([
    [
      'a special-cause concern',
      { value: 70, tier: 'BELOW_ESSENTIAL', point: special('SPECIAL_CAUSE_CONCERN', ['SHIFT']) },
      ['SPECIAL_CAUSE_CONCERN', 'FELL_IN_TIER', 'BELOW_ESSENTIAL'],
      'Seven-day follow-up at Rowan Ward is 70% in 2026-03: a run of seven or more months on the worse side of its mean, a signal of change for the worse rather than noise.',
    ],
    [
      'a process that cannot meet Essential',
      {
        value: 70,
        tier: 'BELOW_ESSENTIAL',
        previousTier: 'BELOW_ESSENTIAL',
        assurance: 'CONSISTENTLY_FAIL',
        limits: { lower: 61.5, upper: 76, trial: false },
      },
      ['CONSISTENTLY_FAILING'],
      'Seven-day follow-up at Rowan Ward will keep missing Essential (80%) unless the process changes: its limits run from 61.5% to 76%.',
    ],
    [
      'a headline met while its companion is under the floor',
      {
        value: 100,
        tier: 'BREAKTHROUGH',
        previousTier: 'BREAKTHROUGH',
        companions: [{ ...ASSESSED_SHARE, value: 25 }],
      },
      ['TARGET_HIT_POINT_MISSED'],
      'Seven-day follow-up at Rowan Ward meets Breakthrough at 100%, but "Follow-ups that assessed" reads 25%, under its floor of 80%: the target is hit and the point missed.',
    ],
    [
      'a fall in tier while the limits are still a trial',
      { previousTier: 'DESIRABLE', limits: { lower: 78, upper: 98, trial: true } },
      ['FELL_IN_TIER'],
      'Seven-day follow-up at Rowan Ward fell from Desirable to Essential in 2026-03, at 85%.',
    ],
    [
      'a value below Essential while its limits are still a trial',
      {
        value: 79,
        tier: 'BELOW_ESSENTIAL',
        previousTier: 'BELOW_ESSENTIAL',
        limits: { lower: 78, upper: 98, trial: true },
      },
      ['BELOW_ESSENTIAL'],
      'Seven-day follow-up at Rowan Ward is 79% in 2026-03, below Essential (80%).',
    ],
    [
      'a team that has not submitted',
      { value: null, tier: null, missing: true, point: null },
      ['MISSING_DATA'],
      'Rowan Ward has not submitted Seven-day follow-up for 2026-03.',
    ],
  ])('names %s', (_description, change, reasons, sentence) => {
    const [finding, ...others] = needingAttention([facts(change)]);
    expect(others).toEqual([]);
    expect(finding!.reasons).toEqual(reasons);
    expect(finding!.reason).toBe(reasons[0]);
    expect(finding!.sentence).toBe(sentence);
  });

  it.each<[string, Partial<KpiFacts>]>([
    ['a value meeting Essential in a settled process', {}],
    [
      'a value below Essential in a settled process that hits and misses',
      { value: 79, tier: 'BELOW_ESSENTIAL', previousTier: 'BELOW_ESSENTIAL' },
    ],
    ['a fall in tier that is common-cause wobble inside settled limits', { previousTier: 'DESIRABLE' }],
    [
      'a companion under its floor when the headline is already below Essential',
      {
        value: 70,
        tier: 'BELOW_ESSENTIAL',
        previousTier: 'BELOW_ESSENTIAL',
        companions: [{ ...ASSESSED_SHARE, value: 25 }],
      },
    ],
    ['a companion without a floor', { companions: [{ ...ASSESSED_SHARE, floor: null, value: 5 }] }],
    [
      'stale limits that fail Essential after a special-cause improvement',
      {
        assurance: 'CONSISTENTLY_FAIL',
        point: special('SPECIAL_CAUSE_IMPROVEMENT', ['ASTRONOMICAL']),
        previousTier: 'ESSENTIAL',
      },
    ],
    ['no data where none is expected', { value: null, tier: null, point: null }],
  ])('leaves out %s', (_description, change) => {
    expect(needingAttention([facts(change)])).toEqual([]);
  });

  it('ranks by reason, then the broader unit first, and says a signal once at the highest unit', () => {
    const trust = { code: 'TRUST', name: 'Trust', level: 'ORGANISATION', path: '1.' } as const;
    const service = { code: 'SVC', name: 'Service', level: 'SERVICE', path: '1.2.' } as const;
    const ward = { code: 'WARD', name: 'Ward', level: 'TEAM', path: '1.2.3.' } as const;
    const elsewhere = { code: 'OTHER', name: 'Other ward', level: 'TEAM', path: '1.5.6.' } as const;
    const concern = special('SPECIAL_CAUSE_CONCERN', ['ASTRONOMICAL']);
    const findings = needingAttention([
      facts({ unit: ward, missing: true, value: null, tier: null, point: null }),
      facts({ unit: ward, point: concern }),
      facts({ unit: elsewhere, point: concern }),
      facts({ unit: service, point: concern }),
      facts({ unit: trust, companions: [{ ...ASSESSED_SHARE, value: 25 }] }),
    ]);
    expect(
      findings.map((finding) => [
        finding.facts.unit.code,
        finding.reason,
        finding.alsoAt.map((below) => below.unit.code),
      ]),
    ).toEqual([
      ['SVC', 'SPECIAL_CAUSE_CONCERN', ['WARD']],
      ['OTHER', 'SPECIAL_CAUSE_CONCERN', []],
      ['TRUST', 'TARGET_HIT_POINT_MISSED', []],
      ['WARD', 'MISSING_DATA', []],
    ]);
  });

  it('says once that a unit has stopped reporting, however many KPIs it stopped', () => {
    const silent = (key: string, name: string) =>
      facts({ kpi: { key, name, unit: 'PERCENT' }, missing: true, value: null, tier: null, point: null });
    const [finding, ...others] = needingAttention([
      silent('staff-sickness-absence', 'Sickness absence'),
      silent('agency-spend-share', 'Agency spend'),
      silent('carer-involvement', 'Carer involvement'),
    ]);
    expect(others).toEqual([]);
    expect(finding!.facts.kpi.key).toBe('agency-spend-share');
    expect(finding!.alsoFor.map((other) => other.kpi.key)).toEqual([
      'carer-involvement',
      'staff-sickness-absence',
    ]);
    expect(finding!.sentence).toBe(
      'Rowan Ward has not submitted 3 KPIs for 2026-03: Agency spend, Carer involvement, Sickness absence.',
    );
  });
});

describe('worthCelebrating', () => {
  it.each<[string, Partial<KpiFacts>, string[], string]>([
    [
      'a special-cause improvement',
      {
        value: 97,
        tier: 'ASPIRATIONAL',
        point: special('SPECIAL_CAUSE_IMPROVEMENT', ['ASTRONOMICAL', 'TWO_OF_THREE']),
      },
      ['SPECIAL_CAUSE_IMPROVEMENT', 'FIRST_TIME_TIER'],
      'Seven-day follow-up at Rowan Ward is 97% in 2026-03: beyond its process limits; two of three months close to its better limit, a real improvement rather than luck.',
    ],
    [
      'a tier reached for the first time, even inside settled limits',
      { value: 99, tier: 'BREAKTHROUGH' },
      ['FIRST_TIME_TIER'],
      'Seven-day follow-up at Rowan Ward reached Breakthrough for the first time in 24 months, at 99% in 2026-03.',
    ],
    [
      'a process that can be relied on to meet Essential',
      { assurance: 'CONSISTENTLY_PASS', limits: { lower: 81.2, upper: 97.9, trial: false } },
      ['CONSISTENTLY_PASSING'],
      'Seven-day follow-up at Rowan Ward can be relied on to meet Essential (80%): its limits run from 81.2% to 97.9%.',
    ],
  ])('names %s', (_description, change, reasons, sentence) => {
    const [finding] = worthCelebrating([facts(change)]);
    expect(finding!.reasons).toEqual(reasons);
    expect(finding!.sentence).toBe(sentence);
  });

  it.each<[string, Partial<KpiFacts>]>([
    [
      'a first-time tier without enough history',
      { value: 99, tier: 'BREAKTHROUGH', limits: null, earlierValues: 3 },
    ],
    ['a tier reached before', { value: 92, tier: 'DESIRABLE', limits: null }],
    ['an ordinary month', {}],
    [
      'limits that pass Essential when the month signals a concern',
      { assurance: 'CONSISTENTLY_PASS', point: special('SPECIAL_CAUSE_CONCERN', ['ASTRONOMICAL']) },
    ],
  ])('leaves out %s', (_description, change) => {
    expect(worthCelebrating([facts(change)])).toEqual([]);
  });
});
