import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../server/engine/access/access';
import type { KpiRegistry } from '../server/engine/kpi/kpi-registry';
import type { LiveHub } from '../server/storage/live/live-hub';
import type { StoryFeed } from '../server/storage/live/story-feed';
import type { Loaders } from './loaders';

/** Made fresh for every request: field resolvers read only through its loaders. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  registry: KpiRegistry;
  access: Access;
  now: () => Date;
  live: LiveHub;
  storyFeed: StoryFeed;
  /**
   * A subscription's context outlives many events: each event is read through a new entity manager and
   * new loaders, so nothing cached for an earlier event is served as current.
   */
  renew(): void;
  /** Awaited once per value a field works out: every few hundred, the event loop gets a turn (server/engine/pace.ts). */
  pace(): Promise<void> | undefined;
  /**
   * Aborted when the request's time budget runs out, once it has been answered, or when its client has gone
   * (server/transport/request-budget.ts): work done in turns stops at its next turn.
   */
  signal: AbortSignal;
}
