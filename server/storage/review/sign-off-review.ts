import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ReviewCycleEntity } from '../db/entities/review-cycle.entity';
import { conflict } from '../../engine/errors';
import { checkFreeText } from '../../engine/free-text';
import { readProgress } from './review-progress';
import type { ReviewDeps } from './review-progress';
import { currentStep } from '../../engine/review/review-steps';
import type { ReviewProgress } from '../../engine/review/review-steps';
import { pastMonthInput } from '../../engine/kpi/period-input';
import { namedUnit } from '../org/named-unit';
import { stepConflict } from '../../engine/review/step-conflict';

export interface SignOffReviewCommand {
  orgUnit: string;
  period: string;
  comment: string;
}

function alreadySignedOff(
  unit: { code: string },
  period: string,
  cycle: ReviewCycleEntity,
  progress: ReviewProgress,
) {
  const step = currentStep(progress);
  return conflict(
    `The ${period} review of ${unit.code} was already signed off by ${cycle.signedOffBy} at ${cycle.signedOffAt.toISOString()}; the cycle is at ${step}`,
    { step },
  );
}

/**
 * REVIEW: a manager above the unit signs off its month once REPORT and REFLECT are done. Every check runs
 * before the one insert; the cycle's unique (unit, month) lets only one of two concurrent sign-offs through.
 */
export async function signOffReview(
  deps: ReviewDeps,
  command: SignOffReviewCommand,
): Promise<ReviewCycleEntity> {
  const { em, access, now } = deps;
  // The parent's managers sign a unit's review off.
  const unit = await namedUnit(em, command.orgUnit, 'orgUnit', { withParent: true });
  // A review is held by someone the unit answers to; only the top of the tree answers to itself.
  await access.require('MANAGER', unit.parent ?? unit, `Signing off the review of ${unit.code}`);
  const period = pastMonthInput(command.period, 'Governance cycles', now);
  const comment = checkFreeText('comment', command.comment);
  const outstanding = await deps.readOutstanding(unit, period);
  const signedOffBy = access.viewer.subject ?? 'anonymous';

  try {
    return await em.transactional(async (tx) => {
      const { cycle, progress } = await readProgress(tx, unit, period, outstanding);
      if (cycle) throw alreadySignedOff(unit, period, cycle, progress);
      if (currentStep(progress) !== 'REVIEW') {
        throw stepConflict('Signing off needs REPORT and REFLECT done', unit, period, progress);
      }
      const created = tx.create(ReviewCycleEntity, {
        orgUnit: unit,
        period,
        signedOffBy,
        signedOffAt: now,
        signOffComment: comment,
      });
      await tx.flush();
      return created;
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // Another sign-off of the same unit and month committed first: say whose.
    const { cycle, progress } = await em.transactional((tx) => readProgress(tx, unit, period, outstanding));
    throw alreadySignedOff(unit, period, cycle!, progress);
  }
}
