import { ReviewActionEntity } from '../db/entities/review-action.entity';
import { badUserInput } from '../../engine/errors';
import { monthInput } from '../../engine/kpi/period-input';
import { checkFreeText } from '../../engine/free-text';
import { readProgress } from './review-progress';
import type { ReviewDeps } from './review-progress';
import { currentStep } from '../../engine/review/review-steps';
import { pastMonthInput } from '../../engine/kpi/period-input';
import { namedUnit } from '../org/named-unit';
import { stepConflict } from '../../engine/review/step-conflict';

/** An owner is a name or a role ("ward manager"), not a paragraph. */
const MAX_OWNER_CHARACTERS = 200;

export interface AddReviewActionCommand {
  orgUnit: string;
  period: string;
  text: string;
  owner: string;
  duePeriod: string;
}

/**
 * RETHINK: records an action agreed at a signed-off review. A complete cycle takes no more actions, so what
 * was refreshed stays the answer to the actions it had; their statuses can still be updated.
 */
export async function addReviewAction(
  deps: ReviewDeps,
  command: AddReviewActionCommand,
): Promise<ReviewActionEntity> {
  const { em, access, now } = deps;
  const unit = await namedUnit(em, command.orgUnit);
  await access.require('MANAGER', unit, `Adding an action to the review of ${unit.code}`);
  const period = pastMonthInput(command.period, 'Governance cycles', now);
  const text = checkFreeText('text', command.text);
  const owner = checkFreeText('owner', command.owner, MAX_OWNER_CHARACTERS);
  const duePeriod = monthInput(command.duePeriod, 'Action due dates', 'duePeriod').label;
  if (duePeriod < period) {
    throw badUserInput('duePeriod', `must be ${period} or later: an action cannot be due before its review`);
  }
  const outstanding = await deps.readOutstanding(unit, period);
  const createdBy = access.viewer.subject ?? 'anonymous';

  return em.transactional(async (tx) => {
    const { cycle, progress } = await readProgress(tx, unit, period, outstanding);
    if (!cycle || currentStep(progress) === 'COMPLETE') {
      throw stepConflict(
        'Actions are added after the sign-off and before the refresh',
        unit,
        period,
        progress,
      );
    }
    const action = tx.create(ReviewActionEntity, {
      cycle,
      text,
      owner,
      duePeriod,
      status: 'OPEN',
      createdBy,
      createdAt: now,
      updatedAt: now,
    });
    await tx.flush();
    return action;
  });
}
