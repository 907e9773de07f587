import { conflict } from '../errors';
import type { DomainError } from '../errors';
import { currentStep, outstanding } from './review-steps';
import type { ReviewProgress } from './review-steps';

/** CONFLICT for a command the cycle is not ready for: names the step it is at (also as `extensions.step`). */
export function stepConflict(
  refused: string,
  unit: { code: string },
  period: string,
  progress: ReviewProgress,
): DomainError {
  const step = currentStep(progress);
  return conflict(
    `${refused}: the ${period} cycle of ${unit.code} is at ${step}, where ${outstanding(step, progress)}`,
    { step },
  );
}
