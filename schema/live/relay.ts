import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { badUserInput } from '../../server/engine/errors';
import { EventQueue } from '../../server/storage/live/event-queue';
import type { Receive } from '../../server/storage/live/live-hub';
import type { Context } from '../context';

/** The unit a subscription watches, once the viewer is known to hold VIEWER on it. */
export async function subscribedUnit(code: string, { loaders, access }: Context): Promise<OrgUnitEntity> {
  const unit = await loaders.orgUnits.byCode.load(code);
  if (!unit) throw badUserInput('orgUnit', `there is no org unit "${code}"`);
  await access.require('VIEWER', unit, `Watching ${unit.code}`);
  return unit;
}

/**
 * Sends `first`, then each event the feed delivers that falls within the subscriber's units, shaped for
 * the schema. Ending the subscription stops the feed's deliveries; so does a subscriber falling too far behind.
 */
export async function relay<T extends { unit: OrgUnitEntity }, U>(
  first: readonly U[],
  watch: (receive: Receive<T>) => () => void,
  shape: (event: T) => U,
  context: Context,
): Promise<AsyncIterable<U>> {
  // The viewer's units are fixed for the connection's life, so they are looked up once.
  const covers = await context.access.coverage();
  const events = new EventQueue<U>(() => unwatch(), first);
  const unwatch = watch((event) => {
    if (covers(event.unit)) events.push(shape(event));
  });
  return events;
}
