import { KpiPluginError } from './kpi-plugin-error';
import type { KpiPluginErrorCode } from './kpi-plugin-error';
import { validateKpiDefinition } from './validate-kpi-definition';

const FILE = '/srv/trust-plugins/seven-day-follow-up.kpi.js';

const ASSESSED_SHARE = {
  label: 'Follow-ups that included a clinical assessment',
  unit: 'PERCENT',
  calculate: ({ assessed, followedUp }: Record<string, number>) =>
    followedUp === 0 ? null : (100 * assessed!) / followedUp!,
  floor: 80,
};

/** A complete, valid plugin as a trust would write it in plain JavaScript. */
function validDefinition(): Record<string, unknown> {
  return {
    key: 'seven-day-follow-up',
    name: 'Seven-day follow-up after discharge',
    domain: 'CLINICAL_EFFECTIVENESS',
    stages: ['DISCHARGE'],
    collectedAt: 'TEAM',
    unit: 'PERCENT',
    direction: 'HIGHER_IS_BETTER',
    inputs: {
      followedUp: { label: 'People followed up within 7 days of discharge', kind: 'count' },
      discharged: { label: 'People discharged from inpatient care', kind: 'count' },
    },
    validate: ({ followedUp, discharged }: Record<string, number>) =>
      followedUp! > discharged! ? 'followedUp cannot exceed discharged' : undefined,
    calculate: ({ followedUp, discharged }: Record<string, number>) =>
      discharged === 0 ? null : (100 * followedUp!) / discharged!,
    tiers: { essential: 80, desirable: 90, aspirational: 95, breakthrough: 98 },
    appliesTo: ['inpatient'],
    why: 'The week after discharge is a time of proven high risk of suicide.',
    prompts: ['What did the follow-up find about the person and their situation?'],
  };
}

type Change = (definition: Record<string, unknown>) => unknown;

const set =
  (field: string, value: unknown): Change =>
  (definition) => ({ ...definition, [field]: value });
const without =
  (field: string): Change =>
  (definition) => {
    const copy = { ...definition };
    delete copy[field];
    return copy;
  };

const LOWER_IS_BETTER = {
  direction: 'LOWER_IS_BETTER',
  tiers: { essential: 6, desirable: 4.5, aspirational: 3.2, breakthrough: 2 },
};

const BROKEN: [string, Change, KpiPluginErrorCode, string | undefined][] = [
  ['null', () => null, 'KPI_NOT_A_DEFINITION', undefined],
  ['a later plugin contract', set('apiVersion', 2), 'KPI_UNSUPPORTED_API_VERSION', 'apiVersion'],
  ['an apiVersion that is no version', set('apiVersion', '1'), 'KPI_INVALID_FIELD', 'apiVersion'],
  ['apiVersion 0', set('apiVersion', 0), 'KPI_INVALID_FIELD', 'apiVersion'],
  ['a string', () => 'seven-day-follow-up', 'KPI_NOT_A_DEFINITION', undefined],
  ['an array', (definition) => [definition], 'KPI_NOT_A_DEFINITION', undefined],
  ['a function', (definition) => () => definition, 'KPI_NOT_A_DEFINITION', undefined],
  ['no key', without('key'), 'KPI_MISSING_FIELD', 'key'],
  ['an empty key', set('key', ''), 'KPI_MISSING_FIELD', 'key'],
  ['a key of spaces', set('key', '   '), 'KPI_MISSING_FIELD', 'key'],
  ['a numeric key', set('key', 7), 'KPI_MISSING_FIELD', 'key'],
  ['no name', without('name'), 'KPI_MISSING_FIELD', 'name'],
  ['an empty name', set('name', ''), 'KPI_MISSING_FIELD', 'name'],
  ['no unit', without('unit'), 'KPI_MISSING_FIELD', 'unit'],
  ['an empty unit', set('unit', ' '), 'KPI_MISSING_FIELD', 'unit'],
  ['no why', without('why'), 'KPI_MISSING_FIELD', 'why'],
  ['an empty why', set('why', ''), 'KPI_MISSING_FIELD', 'why'],
  ['a snake-case key', set('key', 'Seven_Day'), 'KPI_INVALID_KEY', 'key'],
  ['a camel-case key', set('key', 'sevenDayFollowUp'), 'KPI_INVALID_KEY', 'key'],
  ['a key with a trailing hyphen', set('key', 'seven-day-'), 'KPI_INVALID_KEY', 'key'],
  ['a key with a double hyphen', set('key', 'seven--day'), 'KPI_INVALID_KEY', 'key'],
  ['a key starting with a digit', set('key', '7-day-follow-up'), 'KPI_INVALID_KEY', 'key'],
  ['a key with a space', set('key', 'seven day'), 'KPI_INVALID_KEY', 'key'],
  ['an unknown domain', set('domain', 'SAFETY'), 'KPI_UNKNOWN_DOMAIN', 'domain'],
  ['a lower-case domain', set('domain', 'finance'), 'KPI_UNKNOWN_DOMAIN', 'domain'],
  ['no domain', without('domain'), 'KPI_UNKNOWN_DOMAIN', 'domain'],
  ['an unknown collectedAt', set('collectedAt', 'WARD'), 'KPI_UNKNOWN_LEVEL', 'collectedAt'],
  ['no collectedAt', without('collectedAt'), 'KPI_UNKNOWN_LEVEL', 'collectedAt'],
  ['an unknown direction', set('direction', 'UP'), 'KPI_UNKNOWN_DIRECTION', 'direction'],
  ['an unknown stage', set('stages', ['TRIAGE']), 'KPI_UNKNOWN_STAGE', 'stages[0]'],
  ['an unknown second stage', set('stages', ['DISCHARGE', 'discharge']), 'KPI_UNKNOWN_STAGE', 'stages[1]'],
  ['a stage that is not a string', set('stages', [3]), 'KPI_UNKNOWN_STAGE', 'stages[0]'],
  ['stages as a string', set('stages', 'DISCHARGE'), 'KPI_MISSING_FIELD', 'stages'],
  ['no stages', without('stages'), 'KPI_MISSING_FIELD', 'stages'],
  ['no inputs', without('inputs'), 'KPI_NO_INPUTS', 'inputs'],
  ['empty inputs', set('inputs', {}), 'KPI_NO_INPUTS', 'inputs'],
  ['inputs as an array', set('inputs', [{ label: 'People', kind: 'count' }]), 'KPI_NO_INPUTS', 'inputs'],
  [
    'an input of kind ratio',
    set('inputs', { followedUp: { label: 'Share followed up', kind: 'ratio' } }),
    'KPI_INVALID_INPUT',
    'inputs.followedUp.kind',
  ],
  [
    'an input without a kind',
    set('inputs', { followedUp: { label: 'People followed up' } }),
    'KPI_INVALID_INPUT',
    'inputs.followedUp.kind',
  ],
  [
    'an input without a label',
    set('inputs', { followedUp: { kind: 'count' } }),
    'KPI_INVALID_INPUT',
    'inputs.followedUp.label',
  ],
  [
    'an input with an empty label',
    set('inputs', { followedUp: { label: ' ', kind: 'count' } }),
    'KPI_INVALID_INPUT',
    'inputs.followedUp.label',
  ],
  [
    'an input given as a bare kind',
    set('inputs', { followedUp: 'count' }),
    'KPI_INVALID_INPUT',
    'inputs.followedUp.label',
  ],
  [
    'an input name with a hyphen',
    set('inputs', { 'followed-up': { label: 'People followed up', kind: 'count' } }),
    'KPI_INVALID_INPUT',
    'inputs.followed-up',
  ],
  [
    'a tier that is a string',
    set('tiers', { essential: '80', desirable: 90, aspirational: 95, breakthrough: 98 }),
    'KPI_INVALID_TIERS',
    'tiers.essential',
  ],
  [
    'a missing tier',
    set('tiers', { essential: 80, desirable: 90, aspirational: 95 }),
    'KPI_INVALID_TIERS',
    'tiers.breakthrough',
  ],
  [
    'a tier that is not a finite number',
    set('tiers', { essential: 80, desirable: NaN, aspirational: 95, breakthrough: 98 }),
    'KPI_INVALID_TIERS',
    'tiers.desirable',
  ],
  ['no tiers', without('tiers'), 'KPI_INVALID_TIERS', 'tiers'],
  ['tiers as an array', set('tiers', [80, 90, 95, 98]), 'KPI_INVALID_TIERS', 'tiers'],
  [
    'HIGHER_IS_BETTER tiers that decrease',
    set('tiers', LOWER_IS_BETTER.tiers),
    'KPI_TIERS_UNORDERED',
    'tiers',
  ],
  [
    'HIGHER_IS_BETTER tiers with two equal',
    set('tiers', { essential: 80, desirable: 90, aspirational: 90, breakthrough: 98 }),
    'KPI_TIERS_UNORDERED',
    'tiers',
  ],
  [
    'LOWER_IS_BETTER tiers that increase',
    (definition) => ({ ...definition, direction: 'LOWER_IS_BETTER' }),
    'KPI_TIERS_UNORDERED',
    'tiers',
  ],
  [
    'LOWER_IS_BETTER tiers with one out of place',
    (definition) => ({
      ...definition,
      ...LOWER_IS_BETTER,
      tiers: { essential: 6, desirable: 3, aspirational: 3.2, breakthrough: 2 },
    }),
    'KPI_TIERS_UNORDERED',
    'tiers',
  ],
  ['calculate as a number', set('calculate', 42), 'KPI_NOT_A_FUNCTION', 'calculate'],
  ['no calculate', without('calculate'), 'KPI_NOT_A_FUNCTION', 'calculate'],
  ['validate as a string', set('validate', 'followedUp <= discharged'), 'KPI_NOT_A_FUNCTION', 'validate'],
  ['validate as null', set('validate', null), 'KPI_NOT_A_FUNCTION', 'validate'],
  ['prompts as one string', set('prompts', 'What happened?'), 'KPI_INVALID_FIELD', 'prompts'],
  ['prompts with a number', set('prompts', ['What happened?', 2]), 'KPI_INVALID_FIELD', 'prompts'],
  ['prompts with an empty string', set('prompts', ['']), 'KPI_INVALID_FIELD', 'prompts'],
  ['no prompts', without('prompts'), 'KPI_INVALID_FIELD', 'prompts'],
  ['appliesTo empty', set('appliesTo', []), 'KPI_INVALID_FIELD', 'appliesTo'],
  ['appliesTo as a string', set('appliesTo', 'inpatient'), 'KPI_INVALID_FIELD', 'appliesTo'],
  ['appliesTo with an empty tag', set('appliesTo', ['inpatient', '']), 'KPI_INVALID_FIELD', 'appliesTo'],
  ['companions as a list', set('companions', [ASSESSED_SHARE]), 'KPI_INVALID_COMPANION', 'companions'],
  [
    'a companion named with a hyphen',
    set('companions', { 'assessed-share': ASSESSED_SHARE }),
    'KPI_INVALID_COMPANION',
    'companions.assessed-share',
  ],
  [
    'a companion without a label',
    set('companions', { assessedShare: { ...ASSESSED_SHARE, label: ' ' } }),
    'KPI_INVALID_COMPANION',
    'companions.assessedShare.label',
  ],
  [
    'a companion without a unit',
    set('companions', { assessedShare: { ...ASSESSED_SHARE, unit: undefined } }),
    'KPI_INVALID_COMPANION',
    'companions.assessedShare.unit',
  ],
  [
    'a companion whose calculate is a number',
    set('companions', { assessedShare: { ...ASSESSED_SHARE, calculate: 80 } }),
    'KPI_NOT_A_FUNCTION',
    'companions.assessedShare.calculate',
  ],
  [
    'a companion whose floor is text',
    set('companions', { assessedShare: { ...ASSESSED_SHARE, floor: '80' } }),
    'KPI_INVALID_COMPANION',
    'companions.assessedShare.floor',
  ],
];

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the definition to be refused');
}

describe('validateKpiDefinition', () => {
  it('returns a valid definition as it is', () => {
    const definition = validDefinition();
    expect(validateKpiDefinition(definition, FILE)).toBe(definition);
  });

  it.each([
    [
      'LOWER_IS_BETTER with decreasing tiers',
      (definition: Record<string, unknown>) => ({ ...definition, ...LOWER_IS_BETTER }),
    ],
    ['no validate', without('validate')],
    ['the plugin contract this server implements', set('apiVersion', 1)],
    ['no appliesTo', without('appliesTo')],
    ['a companion', set('companions', { assessedShare: ASSESSED_SHARE })],
    [
      'a companion without a floor',
      set('companions', { assessedShare: { ...ASSESSED_SHARE, floor: undefined } }),
    ],
    ['no stages to belong to', set('stages', [])],
    ['every stage', set('stages', ['ACCESS', 'ASSESSMENT', 'TREATMENT', 'DISCHARGE', 'FOLLOW_UP'])],
    ['no prompts yet', set('prompts', [])],
    ['an amount input', set('inputs', { agencySpend: { label: 'Agency spend (£)', kind: 'amount' } })],
    [
      'negative thresholds',
      set('tiers', { essential: -3, desirable: -2, aspirational: -1, breakthrough: 0 }),
    ],
  ])('accepts %s', (_description, change) => {
    const definition = change(validDefinition());
    expect(validateKpiDefinition(definition, FILE)).toBe(definition);
  });

  it.each(BROKEN)('refuses %s', (_description, change, code, field) => {
    const error = thrownBy(() => validateKpiDefinition(change(validDefinition()), FILE));
    expect(error).toBeInstanceOf(KpiPluginError);
    const pluginError = error as KpiPluginError;
    expect(pluginError.code).toBe(code);
    expect(pluginError.field).toBe(field);
    expect(pluginError.file).toBe(FILE);
    expect(pluginError.message).toContain(code);
    expect(pluginError.message).toContain(FILE);
    if (field !== undefined) expect(pluginError.message).toContain(`"${field}"`);
  });

  it('says in which direction unordered tiers must step, and what they were', () => {
    const error = thrownBy(() =>
      validateKpiDefinition({ ...validDefinition(), direction: 'LOWER_IS_BETTER' }, FILE),
    ) as KpiPluginError;
    expect(error.message).toContain('decrease');
    expect(error.message).toContain('essential 80, desirable 90, aspirational 95, breakthrough 98');
  });
});
