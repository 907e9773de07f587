import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../server/auth/access';
import type { KpiRegistry } from '../server/kpi/kpi-registry';
import type { LiveHub } from '../server/live/live-hub';
import type { Loaders } from './loaders';

/** Made fresh for every request: field resolvers read only through its loaders. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  registry: KpiRegistry;
  access: Access;
  now: () => Date;
  live: LiveHub;
}
