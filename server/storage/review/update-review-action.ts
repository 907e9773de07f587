import { ReviewActionEntity } from '../db/entities/review-action.entity';
import { badUserInput } from '../../engine/errors';
import type { ReviewDeps } from './review-progress';
import type { ReviewActionStatus } from '../../engine/review/review-action-statuses';

/** Action ids are PostgreSQL integers: anything else names no action, and must not reach a query. */
function actionId(text: string): number | null {
  const id = Number(text);
  return Number.isInteger(id) && id >= 1 && id <= 2 ** 31 - 1 ? id : null;
}

export interface UpdateReviewActionCommand {
  id: string;
  status: ReviewActionStatus;
}

/** Sets an action's status, at any time after its review: actions are followed up long after their cycle. */
export async function updateReviewAction(
  deps: Pick<ReviewDeps, 'em' | 'access' | 'now'>,
  command: UpdateReviewActionCommand,
): Promise<ReviewActionEntity> {
  const { em, access, now } = deps;
  const id = actionId(command.id);
  const action =
    id === null ? null : await em.findOne(ReviewActionEntity, { id }, { populate: ['cycle.orgUnit'] });
  if (!action) throw badUserInput('id', `there is no review action "${command.id}"`);
  const unit = action.cycle.orgUnit;
  await access.require('MANAGER', unit, `Updating an action of the review of ${unit.code}`);
  // Setting the status it already has changes nothing, so a retried update leaves updatedAt alone.
  if (action.status === command.status) return action;
  action.status = command.status;
  action.updatedAt = now;
  await em.flush();
  return action;
}
