import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { StoryEntity } from '../../server/storage/db/entities/story.entity';
import type { StoryAdded } from '../../server/storage/live/story-feed';
import type { Context } from '../context';
import { Story } from '../story/story.type';
import { relay, subscribedUnit } from './relay';

interface StoryArgs {
  orgUnit: string;
}

async function subscribeToStories({ args, context }: SubscribeResolverData<unknown, StoryArgs, Context>) {
  const unit = await subscribedUnit(args.orgUnit, context);
  // Every subscriber receives the same story object, so screens sharing an operation share its execution.
  return relay(
    [],
    (receive) => context.storyFeed.watch(unit.id, receive),
    (added: StoryAdded) => added.story,
    context,
  );
}

@Resolver()
export class StoryAddedResolver {
  @Subscription(() => Story, {
    subscribe: subscribeToStories,
    description: 'Each story added at this unit or at any unit below it, once its transaction has committed.',
  })
  storyAdded(@Root() story: StoryEntity, @Arg('orgUnit') _orgUnit: string): StoryEntity {
    return story;
  }
}
