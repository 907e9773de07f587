import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What one embedded server was measured to serve well (`npm run bench -- embedded`, docs/performance.md): past
 * this many units, or this many observations, its single connection and in-process memory fall short, and
 * PostgreSQL (`DATABASE_URL`) serves where the embedded database no longer does.
 */
export const EMBEDDED_LIMITS = { units: 500, observations: 600_000 };

/** A warning for the log when the embedded database has grown past what it serves well, else null. */
export async function embeddedSizeWarning(em: EntityManager): Promise<string | null> {
  const [{ units, observations }] = (await em.execute<{ units: number; observations: number }[]>(
    // The planner's estimate of the observations: counting them would take seconds at the size that matters.
    `select (select count(*) from org_unit)::int as units,
       (select greatest(reltuples, 0) from pg_class where relname = 'observation')::bigint as observations`,
  )) as [{ units: number; observations: number }];
  const observationCount = Number(observations);
  if (units <= EMBEDDED_LIMITS.units && observationCount <= EMBEDDED_LIMITS.observations) return null;
  return (
    `The embedded database holds ${units} units and about ${observationCount} observations: it serves up to ` +
    `about ${EMBEDDED_LIMITS.units} units and ${EMBEDDED_LIMITS.observations} observations. Beyond that every ` +
    `request that reads the database queues behind imports and the attention facts on its one connection: ` +
    `set DATABASE_URL to run on PostgreSQL (docs/operations.md, "Embedded database or PostgreSQL").`
  );
}
