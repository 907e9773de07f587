import sevenDayFollowUp from '../../../plugins/seven-day-follow-up.kpi';
import type { KpiDefinition } from './define-kpi';
import { KpiRegistry } from './kpi-registry';
import type { LoadedKpi } from './load-kpi-plugins';

const followUp = sevenDayFollowUp as unknown as KpiDefinition;

/** A plugin like seven-day-follow-up whose calculate is replaced, as a trust's broken formula would be. */
function withCalculate(
  key: string,
  calculate: (inputs: Readonly<Record<string, number>>) => unknown,
): KpiDefinition {
  return { ...followUp, key, calculate: calculate as KpiDefinition['calculate'] };
}

const broken: [string, () => unknown, string][] = [
  [
    'throws',
    () => {
      throw new Error('division by zero in local formula');
    },
    'division by zero in local formula',
  ],
  ['returns NaN', () => NaN, 'NaN'],
  ['returns Infinity', () => Infinity, 'Infinity'],
  ['returns -Infinity', () => -Infinity, '-Infinity'],
  ['returns a string', () => '85', '85'],
  ['returns an object', () => ({ value: 85 }), 'object'],
];

/** A distinct key per broken plugin: `broken-0`, `broken-1` … */
function brokenKey(description: string): string {
  return `broken-${broken.findIndex(([other]) => other === description)}`;
}

const loaded: LoadedKpi[] = [
  { definition: followUp, file: 'plugins/seven-day-follow-up.kpi.ts' },
  ...broken.map(([description, calculate]) => ({
    definition: withCalculate(brokenKey(description), calculate),
    file: `local/${brokenKey(description)}.kpi.js`,
  })),
];

describe('KpiRegistry', () => {
  const registry = new KpiRegistry(loaded);

  it('lists the KPIs in load order and finds each by key', () => {
    expect(registry.all().map((kpi) => kpi.key)).toEqual(loaded.map((kpi) => kpi.definition.key));
    expect(registry.get('seven-day-follow-up')).toBe(followUp);
    expect(registry.get('no-such-kpi')).toBeUndefined();
  });

  it.each([
    [{ followedUp: 49, discharged: 50, assessed: 40 }, 98, 'BREAKTHROUGH'],
    [{ followedUp: 45, discharged: 50, assessed: 40 }, 90, 'DESIRABLE'],
    [{ followedUp: 4, discharged: 5, assessed: 4 }, 80, 'ESSENTIAL'],
    [{ followedUp: 1, discharged: 2, assessed: 1 }, 50, 'BELOW_ESSENTIAL'],
  ])('evaluates %j as %p, %s', (inputs, value, tier) => {
    expect(registry.evaluate(followUp, inputs)).toEqual({ value, tier });
  });

  it("classifies with the thresholds it is given, the plugin's when none are", () => {
    const local = { essential: 50, desirable: 60, aspirational: 70, breakthrough: 75 };
    const inputs = { followedUp: 7, discharged: 10, assessed: 5 };
    expect(registry.evaluate(followUp, inputs, local)).toEqual({ value: 70, tier: 'ASPIRATIONAL' });
    expect(registry.evaluateSums(followUp, inputs, local)).toEqual({ value: 70, tier: 'ASPIRATIONAL' });
    expect(registry.evaluateSums(followUp, inputs)).toEqual({ value: 70, tier: 'BELOW_ESSENTIAL' });
  });

  it('gives no value, no tier and no error when the value is undefined (nobody discharged)', () => {
    expect(registry.evaluate(followUp, { followedUp: 0, discharged: 0, assessed: 0 })).toEqual({
      value: null,
      tier: null,
    });
  });

  it.each(broken)('contains a calculate that %s to that KPI', (description, _calculate, detail) => {
    const kpi = registry.get(brokenKey(description))!;
    expect(kpi).toBeDefined();
    const evaluation = registry.evaluate(kpi, { followedUp: 8, discharged: 10, assessed: 6 });
    expect(evaluation).toEqual({ value: null, tier: null, error: expect.any(String) });
    expect(evaluation.error).toContain(detail);
    // Every other KPI keeps working.
    expect(registry.evaluate(followUp, { followedUp: 19, discharged: 20, assessed: 19 })).toEqual({
      value: 95,
      tier: 'ASPIRATIONAL',
    });
  });

  it('treats undefined from a JavaScript plugin like null: no value and no error', () => {
    const kpi = withCalculate('returns-undefined', () => undefined);
    expect(new KpiRegistry([]).evaluate(kpi, {})).toEqual({ value: null, tier: null });
  });

  it('passes the inputs to calculate', () => {
    const calculate = jest.fn((_inputs: Readonly<Record<string, number>>) => 3);
    const kpi = withCalculate('spy', calculate);
    const inputs = { followedUp: 3, discharged: 4, assessed: 2 };
    registry.evaluate(kpi, inputs);
    expect(calculate).toHaveBeenCalledWith(inputs);
  });
});
