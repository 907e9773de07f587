import { badUserInput } from '../errors';
import type { KpiDefinition } from './define-kpi';

export interface NamedValue {
  name: string;
  value: number;
}

/** Amounts beyond this lose pennies in a double; no health-and-care quantity comes close. */
const LARGEST_AMOUNT = 1e12;

/**
 * Checks submitted values against the KPI's inputs — every declared input present, no other, each of its
 * kind — then the plugin's own rule. Returns the values keyed by input name.
 */
export function checkObservationValues(
  kpi: KpiDefinition,
  submitted: readonly NamedValue[],
): Record<string, number> {
  // Own-property checks throughout: an input named like an Object method (`constructor`) is still an input.
  const values: Record<string, number> = {};
  for (const { name, value } of submitted) {
    const field = `values.${name}`;
    const input = Object.hasOwn(kpi.inputs, name) ? kpi.inputs[name] : undefined;
    if (!input) {
      throw badUserInput(
        field,
        `"${name}" is not an input of ${kpi.key}; its inputs are ${Object.keys(kpi.inputs).join(', ')}`,
      );
    }
    if (Object.hasOwn(values, name)) throw badUserInput(field, `"${name}" is given more than once`);
    if (!Number.isFinite(value) || value < 0)
      throw badUserInput(field, `must be a non-negative number, got ${value}`);
    if (input.kind === 'count' && !Number.isSafeInteger(value)) {
      throw badUserInput(field, `is a count, so it must be a whole number, got ${value}`);
    }
    if (input.kind === 'amount' && value > LARGEST_AMOUNT) {
      throw badUserInput(field, `is larger than ${LARGEST_AMOUNT}, got ${value}`);
    }
    values[name] = value;
  }
  const missing = Object.keys(kpi.inputs).filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) {
    throw badUserInput(
      `values.${missing[0]}`,
      `${kpi.key} needs every input; missing: ${missing.join(', ')}`,
    );
  }
  const problem = kpi.validate?.(values);
  if (problem) throw badUserInput('values', problem);
  return values;
}
