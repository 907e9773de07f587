import { calculateSafely } from './calculate-safely';
import { checkObservationValues } from './check-observation-values';
import type { KpiDefinition, KpiInputDefinition } from './define-kpi';
import { classifyTier, comparable } from './tiers';
import { validateKpiDefinition } from './validate-kpi-definition';
import type { Tier } from './vocabulary';

/**
 * What a calculation should give: a number, matched to twelve significant digits as tiers are; a string of
 * a decimal, matched to as many places as it is written with (`'66.6667'` for two thirds, `'7.500'`); `null`
 * for no value.
 */
export type ExpectedValue = number | string | null;

/** One row of a plugin's table of cases: the inputs, and what the server should make of them. */
export interface KpiTestCase<InputName extends string = string> {
  /** The inputs, keyed by name: one team's submission, or the sums a roll-up calculates from. */
  values: Readonly<Partial<Record<InputName, number>>>;
  /** What `calculate` gives. */
  value?: ExpectedValue;
  /** The tier of that value under the plugin's own thresholds; `null` for no value. */
  tier?: Tier | null;
  /** Companion values by name. */
  companions?: Readonly<Record<string, ExpectedValue>>;
  /**
   * The server refuses these values as a submission: `true`, or the message: the plugin's own `validate`
   * message as it returns it, or the server's own as the API answers it when an input is missing, negative
   * or of the wrong kind (`values.staff: …`). A refused case has no value to check.
   */
  refused?: true | string;
}

export class KpiTestFailure extends Error {
  constructor(
    readonly key: string,
    readonly failures: readonly string[],
    summary: string,
  ) {
    super(`${key}: ${summary}\n${failures.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'KpiTestFailure';
  }
}

function matches(actual: number | null, expected: ExpectedValue): boolean {
  if (actual === null || expected === null) return actual === expected;
  if (typeof expected === 'number') return comparable(actual) === comparable(expected);
  const places = expected.includes('.') ? expected.length - expected.indexOf('.') - 1 : 0;
  return Math.abs(actual - Number(expected)) <= 0.5 * 10 ** -places * (1 + Number.EPSILON);
}

/** The values as a submission sends them, for the server's own checks. */
function asSubmitted(values: Readonly<Record<string, number>>) {
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

/** What the server would answer a submission of these values with, or null when it accepts them. */
function refusal(definition: KpiDefinition, values: Readonly<Record<string, number>>): string | null {
  try {
    checkObservationValues({ ...definition, validate: undefined }, asSubmitted(values));
  } catch (error) {
    return (error as Error).message;
  }
  return definition.validate?.(values) || null;
}

function checkCase(definition: KpiDefinition, testCase: KpiTestCase): string[] {
  const problems: string[] = [];
  const values = testCase.values as Record<string, number>;
  let refused: string | null;
  try {
    refused = refusal(definition, values);
  } catch (error) {
    return [
      `validate threw ${(error as Error).message}: a submission of these values fails with INTERNAL_SERVER_ERROR`,
    ];
  }
  if (testCase.refused !== undefined) {
    if (testCase.value !== undefined || testCase.tier !== undefined || testCase.companions !== undefined) {
      return ['a refused case has no value, tier or companions to check'];
    }
    if (refused === null) problems.push('accepted, expected it refused');
    else if (typeof testCase.refused === 'string' && refused !== testCase.refused) {
      problems.push(`refused with "${refused}", expected "${testCase.refused}"`);
    }
    return problems;
  }
  if (refused !== null) return [`refused: ${refused}`];

  const { value, error } = calculateSafely(definition.calculate, values);
  if (error) return [error];
  if (testCase.value !== undefined && !matches(value, testCase.value)) {
    problems.push(`value ${value}, expected ${testCase.value}`);
  }
  if (testCase.tier !== undefined) {
    const tier = classifyTier(value, definition.tiers, definition.direction);
    if (tier !== testCase.tier) problems.push(`tier ${tier}, expected ${testCase.tier}`);
  }
  for (const [name, expected] of Object.entries(testCase.companions ?? {})) {
    const companion = definition.companions?.[name];
    if (!companion) {
      problems.push(`no companion "${name}"`);
      continue;
    }
    const actual = calculateSafely(companion.calculate, values);
    if (actual.error) problems.push(`companion ${name}: ${actual.error}`);
    else if (!matches(actual.value, expected)) {
      problems.push(`companion ${name} ${actual.value}, expected ${expected}`);
    }
  }
  return problems;
}

/**
 * Checks a plugin as the server would at start-up, then runs every case through the server's own checks,
 * `calculate`, the tier classifier and the companions. Throws a `KpiTestFailure` listing every case that
 * did not hold, so it works inside any test runner: `it('holds', () => testKpi(plugin, cases))`.
 */
export function testKpi<Inputs extends Record<string, KpiInputDefinition>>(
  plugin: KpiDefinition<Inputs>,
  cases: readonly KpiTestCase<Extract<keyof Inputs, string>>[],
): void {
  const definition = validateKpiDefinition(plugin, `testKpi(${String((plugin as { key?: unknown })?.key)})`);
  if (cases.length === 0) throw new Error(`testKpi(${definition.key}): the table has no cases`);
  const failing = cases
    .map((testCase, index) => ({ testCase, index, problems: checkCase(definition, testCase as KpiTestCase) }))
    .filter(({ problems }) => problems.length > 0);
  if (failing.length === 0) return;
  const failures = failing.flatMap(({ testCase, index, problems }) =>
    problems.map((problem) => `case ${index + 1} ${JSON.stringify(testCase.values)}: ${problem}`),
  );
  throw new KpiTestFailure(definition.key, failures, `${failing.length} of ${cases.length} cases failed`);
}
