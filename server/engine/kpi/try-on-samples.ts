import { calculateSafely } from './calculate-safely';
import type { KpiDefinition } from './define-kpi';
import { KpiPluginError } from './kpi-plugin-error';

/** Input values of each kind a plugin will meet: nothing at all, a little, a typical month, a large system. */
const SAMPLES = {
  count: [0, 1, 12, 4_000],
  amount: [0, 0.5, 1_234.56, 2_500_000],
} as const;

/** One set of values per sample, the same sample for every input: each set is one a real month could hold. */
export function sampleValues(definition: KpiDefinition): Record<string, number>[] {
  return SAMPLES.count.map((_, index) =>
    Object.fromEntries(
      Object.entries(definition.inputs).map(([name, input]) => [name, SAMPLES[input.kind][index]!]),
    ),
  );
}

/**
 * Runs a checked plugin as the server will: `validate` on each sample set, then `calculate` and the
 * companions on the sets it accepts, and on all-zero sums whatever `validate` says of them, since a roll-up
 * of teams that saw nobody holds them. Returns what failed, coded like the start-up checks.
 */
export function tryOnSamples(definition: KpiDefinition, file: string): KpiPluginError[] {
  const problems: KpiPluginError[] = [];
  const samples = sampleValues(definition);
  for (const values of samples) {
    const shown = JSON.stringify(values);
    let accepted: boolean;
    try {
      accepted = !definition.validate?.(values);
    } catch (error) {
      problems.push(
        new KpiPluginError(
          'KPI_VALIDATE_FAILED',
          file,
          'validate',
          `threw on ${shown}: ${(error as Error).message}; a submission it throws on fails with INTERNAL_SERVER_ERROR`,
        ),
      );
      continue;
    }
    if (!accepted && values !== samples[0]) continue;
    const { error } = calculateSafely(definition.calculate, values);
    if (error)
      problems.push(new KpiPluginError('KPI_CALCULATION_FAILED', file, 'calculate', `on ${shown}: ${error}`));
    for (const [name, companion] of Object.entries(definition.companions ?? {})) {
      const evaluated = calculateSafely(companion.calculate, values);
      if (evaluated.error) {
        problems.push(
          new KpiPluginError(
            'KPI_CALCULATION_FAILED',
            file,
            `companions.${name}.calculate`,
            `on ${shown}: ${evaluated.error}`,
          ),
        );
      }
    }
  }
  // The first sample each function fails on says enough; the rest would repeat it.
  const firstByField = new Map<string | undefined, KpiPluginError>();
  for (const problem of problems)
    if (!firstByField.has(problem.field)) firstByField.set(problem.field, problem);
  return [...firstByField.values()];
}
