import type { ReviewCycleEntity } from '../db/entities/review-cycle.entity';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { checkFreeText } from '../../engine/free-text';
import { readProgress } from './review-progress';
import type { ReviewDeps } from './review-progress';
import { currentStep } from '../../engine/review/review-steps';
import { pastMonthInput } from '../../engine/kpi/period-input';
import { namedUnit } from '../org/named-unit';
import { stepConflict } from '../../engine/review/step-conflict';

export interface RefreshReviewCommand {
  orgUnit: string;
  period: string;
  note: string;
  focusKpis?: readonly string[] | null;
}

/** Known KPI keys, each once, in the order given. */
function checkFocusKpis(registry: KpiRegistry, keys: readonly string[]): string[] {
  return [...new Set(keys.map((key) => registry.named(key, 'focusKpis').key))];
}

/** REFRESH: records what the unit carries into the next month, which completes the cycle. */
export async function refreshReview(
  deps: ReviewDeps,
  command: RefreshReviewCommand,
): Promise<ReviewCycleEntity> {
  const { em, registry, access, now } = deps;
  const unit = await namedUnit(em, command.orgUnit);
  await access.require('MANAGER', unit, `Refreshing the review of ${unit.code}`);
  const period = pastMonthInput(command.period, 'Governance cycles', now);
  const note = checkFreeText('note', command.note);
  const focusKpis = checkFocusKpis(registry, command.focusKpis ?? []);
  const outstanding = await deps.readOutstanding(unit, period);
  const refreshedBy = access.viewer.subject ?? 'anonymous';

  return em.transactional(async (tx) => {
    const { cycle, progress } = await readProgress(tx, unit, period, outstanding);
    if (currentStep(progress) !== 'REFRESH') {
      throw stepConflict(
        'Refreshing needs the review signed off and an action agreed',
        unit,
        period,
        progress,
      );
    }
    Object.assign(cycle!, { refreshNote: note, refreshFocusKpis: focusKpis, refreshedBy, refreshedAt: now });
    return cycle!;
  });
}
