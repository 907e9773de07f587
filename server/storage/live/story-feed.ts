import type { MikroORM } from '@mikro-orm/postgresql';
import type { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { StoryEntity } from '../db/entities/story.entity';
import { pathIds } from '../kpi/rollups';
import { DeliveryQueue } from './delivery-queue';
import type { DeliveryQueueOptions } from './delivery-queue';
import type { Receive } from './live-hub';

/** A committed new story, read once however many subscribers receive it. */
export interface StoryAdded {
  story: StoryEntity;
  unit: OrgUnitEntity;
}

/**
 * Fans new stories out to this instance's subscribers: a subscriber on a unit hears of stories added at
 * that unit or anywhere below it. Stories arrive (by id, from any instance) and are delivered in the order
 * they were announced, a batch at a time.
 */
export class StoryFeed {
  private readonly subscribers = new Map<number, Set<Receive<StoryAdded>>>();

  get subscriberCount(): number {
    let count = 0;
    for (const subscribers of this.subscribers.values()) count += subscribers.size;
    return count;
  }
  private readonly queue: DeliveryQueue;

  constructor(
    private readonly orm: MikroORM,
    onError: (error: unknown, storyIds: readonly number[], givenUp: boolean) => void,
    options?: DeliveryQueueOptions,
  ) {
    this.queue = new DeliveryQueue((storyIds) => this.deliver(storyIds), onError, options);
  }

  /** Called with the id of each committed story, from this or any other instance. */
  receive(storyId: number): void {
    this.queue.add(storyId);
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }

  /** Sends each story added at this unit or below it until the returned stop is called. */
  watch(unitId: number, receive: Receive<StoryAdded>): () => void {
    const forUnit = this.subscribers.get(unitId) ?? new Set();
    this.subscribers.set(unitId, forUnit.add(receive));
    return () => {
      forUnit.delete(receive);
      if (forUnit.size === 0 && this.subscribers.get(unitId) === forUnit) this.subscribers.delete(unitId);
    };
  }

  private async deliver(storyIds: readonly number[]): Promise<void> {
    if (this.subscribers.size === 0) return;
    const stories = new Map(
      (
        await this.orm.em.fork().find(StoryEntity, { id: { $in: [...storyIds] } }, { populate: ['orgUnit'] })
      ).map((story) => [story.id, story] as const),
    );
    for (const storyId of storyIds) {
      const story = stories.get(storyId);
      if (!story) continue;
      const added: StoryAdded = { story, unit: story.orgUnit };
      // The unit's path lists it and every unit above it: exactly the units whose subscribers hear of it.
      for (const unitId of pathIds(story.orgUnit.path)) {
        for (const receive of this.subscribers.get(unitId) ?? []) receive(added);
      }
    }
  }
}
