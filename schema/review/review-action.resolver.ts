import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { ReviewActionEntity } from '../../server/storage/db/entities/review-action.entity';
import { addReviewAction } from '../../server/storage/review/add-review-action';
import { updateReviewAction } from '../../server/storage/review/update-review-action';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { AddReviewActionInput } from './add-review-action.input';
import { freshReading, reviewDeps } from './review-deps';
import { ReviewAction } from './review-action.type';
import { UpdateReviewActionInput } from './update-review-action.input';

@Resolver(() => ReviewAction)
export class ReviewActionResolver {
  @Mutation(() => ReviewAction, {
    description:
      'RETHINK: adds an action to a signed-off review, until the cycle is refreshed. Needs MANAGER on the unit.',
  })
  addReviewAction(
    @Arg('input') input: AddReviewActionInput,
    @Ctx() context: Context,
  ): Promise<ReviewActionEntity> {
    return addReviewAction(reviewDeps(freshReading(context)), input);
  }

  @Mutation(() => ReviewAction, {
    description: "Sets an action's status, at any time after it was agreed. Needs MANAGER on its unit.",
  })
  updateReviewAction(
    @Arg('input') input: UpdateReviewActionInput,
    @Ctx() { em, access, now }: Context,
  ): Promise<ReviewActionEntity> {
    return updateReviewAction({ em, access, now: now() }, input);
  }

  @FieldResolver(() => OrgUnit, { description: 'The unit whose review agreed it.' })
  orgUnit(@Root() action: ReviewActionEntity, @Ctx() { loaders }: Context): Promise<OrgUnitEntity | null> {
    return loaders.orgUnits.byId.load(action.cycle.orgUnit.id);
  }

  @FieldResolver(() => String, { description: 'The month of the review that agreed it.' })
  period(@Root() action: ReviewActionEntity): string {
    return action.cycle.period;
  }

  @FieldResolver(() => String, { description: 'When it was added (ISO 8601).' })
  createdAt(@Root() action: ReviewActionEntity): string {
    return action.createdAt.toISOString();
  }

  @FieldResolver(() => String, { description: 'When its status last changed (ISO 8601).' })
  updatedAt(@Root() action: ReviewActionEntity): string {
    return action.updatedAt.toISOString();
  }
}
