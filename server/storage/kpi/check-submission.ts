import type { Access, UnitInTree } from '../../engine/access/access';
import { badUserInput } from '../../engine/errors';
import { checkObservationValues } from '../../engine/kpi/check-observation-values';
import type { NamedValue } from '../../engine/kpi/check-observation-values';
import type { KpiDefinition } from '../../engine/kpi/define-kpi';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { pastMonthInput } from '../../engine/kpi/period-input';
import type { OrgLevel } from '../../engine/kpi/vocabulary';

/** What a submission needs to know of the unit it names. */
export interface SubmittingUnit {
  id: number;
  code: string;
  level: OrgLevel;
  tags: readonly string[];
  /** Ids from the root down to the unit, each followed by a dot. */
  path: string;
}

export interface SubmissionRequest {
  kpi: string;
  orgUnit: string;
  period: string;
  values: readonly NamedValue[];
}

export interface CheckedSubmission<Unit extends SubmittingUnit> {
  kpi: KpiDefinition;
  unit: Unit;
  /** The month, `YYYY-MM`. */
  period: string;
  values: Record<string, number>;
}

export interface SubmissionChecks<Unit extends SubmittingUnit> {
  registry: KpiRegistry;
  access: Access;
  now: Date;
  /** The unit with this code, or BAD_USER_INPUT on `orgUnit`. */
  unitNamed: (code: string) => Unit | Promise<Unit>;
}

/** The same checks with the units and the viewer's reach already read: what a bulk import asks of each row. */
export interface ReadyChecks<Unit extends SubmittingUnit> {
  registry: KpiRegistry;
  access: Access;
  now: Date;
  unitNamed: (code: string) => Unit;
  covers: (unit: UnitInTree) => boolean;
}

const ACTION = (kpi: KpiDefinition, unit: SubmittingUnit) => `Submitting ${kpi.key} for ${unit.code}`;

/**
 * Every check one month of a KPI's values passes before anything is written, in the order a person fixing
 * them would want: the KPI, the unit, the caller's right to submit for it, the level and tags it is collected
 * at, the month, and the values (inputs, kinds and the plugin's own rule). The form and the bulk import both
 * run exactly these (`checkSubmissionNow` for a row of an import).
 */
export async function checkSubmission<Unit extends SubmittingUnit>(
  { registry, access, now, unitNamed }: SubmissionChecks<Unit>,
  request: SubmissionRequest,
): Promise<CheckedSubmission<Unit>> {
  const kpi = registry.named(request.kpi);
  const unit = await unitNamed(request.orgUnit);
  await access.require('CONTRIBUTOR', unit, ACTION(kpi, unit));
  return checkAtUnit(kpi, unit, request, now);
}

/** `checkSubmission` for a row of a bulk import: the same checks, with nothing left to read. */
export function checkSubmissionNow<Unit extends SubmittingUnit>(
  { registry, access, now, unitNamed, covers }: ReadyChecks<Unit>,
  request: SubmissionRequest,
): CheckedSubmission<Unit> {
  const kpi = registry.named(request.kpi);
  const unit = unitNamed(request.orgUnit);
  access.requireWithin('CONTRIBUTOR', unit, ACTION(kpi, unit), covers);
  return checkAtUnit(kpi, unit, request, now);
}

/** What is checked once the KPI and the unit are known and the caller may submit for it. */
function checkAtUnit<Unit extends SubmittingUnit>(
  kpi: KpiDefinition,
  unit: Unit,
  request: SubmissionRequest,
  now: Date,
): CheckedSubmission<Unit> {
  if (unit.level !== kpi.collectedAt) {
    throw badUserInput(
      'orgUnit',
      `${kpi.key} is collected at ${kpi.collectedAt} level; ${unit.code} is a ${unit.level}, so its value is rolled up, not submitted`,
    );
  }
  if (kpi.appliesTo && !kpi.appliesTo.some((tag) => unit.tags.includes(tag))) {
    throw badUserInput(
      'orgUnit',
      `${kpi.key} applies to units tagged ${kpi.appliesTo.join(' or ')}; ${unit.code} is tagged ${unit.tags.join(', ') || 'with nothing'}`,
    );
  }
  const period = pastMonthInput(request.period, 'observations', now);
  const values = checkObservationValues(kpi, request.values);
  return { kpi, unit, period, values };
}
