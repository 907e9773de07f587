import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ReviewCycleEntity } from '../../server/storage/db/entities/review-cycle.entity';
import { parsePeriod } from '../../server/engine/kpi/period';
import { refreshReview } from '../../server/storage/review/refresh-review';
import { signOffReview } from '../../server/storage/review/sign-off-review';
import type { Context } from '../context';
import { readReviewCycles } from './read-review-cycles';
import { RefreshReviewInput } from './refresh-review.input';
import { freshReading, reviewDeps } from './review-deps';
import { ReviewCycle } from './review-cycle.type';
import { SignOffReviewInput } from './sign-off-review.input';

async function cycleAfter(write: (reading: Context) => Promise<ReviewCycleEntity>, context: Context) {
  const reading = freshReading(context);
  const stored = await write(reading);
  const [cycle] = await readReviewCycles([stored.orgUnit], parsePeriod(stored.period), reading);
  return cycle!;
}

@Resolver(() => ReviewCycle)
export class ReviewCycleResolver {
  @Mutation(() => ReviewCycle, {
    description:
      "REVIEW: signs off a unit's month once REPORT and REFLECT are done. Needs MANAGER on the unit's parent (on the unit itself at the top of the tree).",
  })
  signOffReview(@Arg('input') input: SignOffReviewInput, @Ctx() context: Context): Promise<ReviewCycle> {
    return cycleAfter((reading) => signOffReview(reviewDeps(reading), input), context);
  }

  @Mutation(() => ReviewCycle, {
    description:
      'REFRESH: records what the unit carries into the next month, once an action is agreed; completes the cycle. Needs MANAGER on the unit.',
  })
  refreshReview(@Arg('input') input: RefreshReviewInput, @Ctx() context: Context): Promise<ReviewCycle> {
    return cycleAfter((reading) => refreshReview(reviewDeps(reading), input), context);
  }
}
