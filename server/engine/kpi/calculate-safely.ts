/** A plugin's calculation, with a throw or a non-finite result reported instead of escaping. */
export function calculateSafely<Inputs>(
  calculate: (inputs: Inputs) => number | null,
  inputs: Inputs,
): { value: number | null; error?: string } {
  let value: unknown;
  try {
    value = calculate(inputs);
  } catch (error) {
    return { value: null, error: `calculate threw: ${(error as Error).message}` };
  }
  if (value === null || value === undefined) return { value: null };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { value: null, error: `calculate returned ${String(value)}, not a finite number` };
  }
  return { value };
}

/** A roll-up can be calculated only when it holds a sum for every input the KPI declares. */
export function completeSums(
  inputNames: readonly string[],
  sums: Readonly<Record<string, number>> | null,
): sums is Readonly<Record<string, number>> {
  return sums !== null && inputNames.every((name) => Object.hasOwn(sums, name));
}
