import { DomainError } from '../errors';
import agencySpendShare from '../../../plugins/agency-spend-share.kpi';
import sevenDayFollowUp from '../../../plugins/seven-day-follow-up.kpi';
import type { NamedValue } from './check-observation-values';
import { checkObservationValues } from './check-observation-values';
import type { KpiDefinition } from './define-kpi';

const followUp = sevenDayFollowUp as unknown as KpiDefinition;
const agency = agencySpendShare as unknown as KpiDefinition;

/** Values in the order a form would send them. */
function named(values: Record<string, number>): NamedValue[] {
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

function refusal(kpi: KpiDefinition, submitted: NamedValue[]): DomainError {
  try {
    checkObservationValues(kpi, submitted);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected the values to be refused');
}

describe('checkObservationValues', () => {
  it.each([
    [{ followedUp: 8, discharged: 10, assessed: 6 }],
    [{ assessed: 6, discharged: 10, followedUp: 8 }],
    [{ followedUp: 0, discharged: 0, assessed: 0 }],
    [{ followedUp: 10, discharged: 10, assessed: 10 }],
  ])('keys valid counts by input name: %j', (values) => {
    expect(checkObservationValues(followUp, named(values))).toEqual(values);
  });

  it.each<[string, NamedValue[], string, string]>([
    [
      'an input the KPI does not have',
      [...named({ followedUp: 8, discharged: 10, assessed: 6 }), { name: 'readmitted', value: 1 }],
      'values.readmitted',
      'its inputs are followedUp, discharged, assessed',
    ],
    [
      'a name that is an Object method, not an input',
      [...named({ followedUp: 8, discharged: 10, assessed: 6 }), { name: 'constructor', value: 1 }],
      'values.constructor',
      'is not an input',
    ],
    [
      'an input given twice',
      [...named({ followedUp: 8, discharged: 10, assessed: 6 }), { name: 'followedUp', value: 8 }],
      'values.followedUp',
      'more than once',
    ],
    [
      'a negative count',
      named({ followedUp: 8, discharged: -1, assessed: 6 }),
      'values.discharged',
      'non-negative',
    ],
    [
      'a fractional count',
      named({ followedUp: 8.5, discharged: 10, assessed: 6 }),
      'values.followedUp',
      'whole',
    ],
    [
      'a count beyond the safe integers',
      named({ followedUp: 8, discharged: 2 ** 53, assessed: 6 }),
      'values.discharged',
      'whole',
    ],
    ['NaN', named({ followedUp: 8, discharged: 10, assessed: NaN }), 'values.assessed', 'non-negative'],
    [
      'Infinity',
      named({ followedUp: Infinity, discharged: 10, assessed: 6 }),
      'values.followedUp',
      'non-negative',
    ],
    ['a missing input', named({ followedUp: 8, discharged: 10 }), 'values.assessed', 'missing: assessed'],
    [
      'two missing inputs, naming the first declared',
      named({ assessed: 6 }),
      'values.followedUp',
      'missing: followedUp, discharged',
    ],
    ['no values at all', [], 'values.followedUp', 'missing: followedUp, discharged, assessed'],
    [
      'values the plugin finds impossible together',
      named({ followedUp: 11, discharged: 10, assessed: 6 }),
      'values',
      'followedUp cannot exceed discharged',
    ],
    [
      'values breaking the plugin’s second rule',
      named({ followedUp: 8, discharged: 10, assessed: 9 }),
      'values',
      'assessed cannot exceed followedUp',
    ],
  ])('refuses %s as BAD_USER_INPUT on its field', (_description, submitted, field, reason) => {
    const error = refusal(followUp, submitted);
    expect({ code: error.code, ...error.details }).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.message).toContain(reason);
  });

  it.each([
    [{ agencySpend: 1234.56, paySpend: 98765.43 }],
    [{ agencySpend: 0.01, paySpend: 0.01 }],
    [{ agencySpend: 0, paySpend: 1e12 }],
  ])('accepts amounts in pounds and pence: %j', (values) => {
    expect(checkObservationValues(agency, named(values))).toEqual(values);
  });

  it.each<[string, Record<string, number>, string]>([
    ['an amount above 1e12', { agencySpend: 10, paySpend: 1e12 + 1 }, 'values.paySpend'],
    ['a negative amount', { agencySpend: -0.01, paySpend: 100 }, 'values.agencySpend'],
    ['an infinite amount', { agencySpend: 10, paySpend: Infinity }, 'values.paySpend'],
    ['amounts the plugin finds impossible', { agencySpend: 100.5, paySpend: 100 }, 'values'],
  ])('refuses %s', (_description, values, field) => {
    const error = refusal(agency, named(values));
    expect({ code: error.code, ...error.details }).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});

describe('inputs named like Object methods', () => {
  const local = {
    ...followUp,
    key: 'local-counter',
    inputs: { toString: { label: 'Counted things', kind: 'count' } },
    validate: undefined,
  } as unknown as KpiDefinition;

  it('accepts the input once and requires it', () => {
    expect(checkObservationValues(local, [{ name: 'toString', value: 3 }])).toEqual({ toString: 3 });
    const error = refusal(local, []);
    expect({ code: error.code, field: error.field }).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'values.toString',
    });
  });
});
