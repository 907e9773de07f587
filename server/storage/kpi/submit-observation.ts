import type { EntityManager } from '@mikro-orm/postgresql';
import { isDeepStrictEqual } from 'node:util';
import type { Access } from '../../engine/access/access';
import { ObservationEntity } from '../db/entities/observation.entity';
import type { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { inTransaction } from '../db/sql';
import { badUserInput, conflict } from '../../engine/errors';
import { refuseNhsNumber } from '../../engine/free-text';
import { KPI_CHANGES } from '../live/kpi-change';
import type { NamedValue } from '../../engine/kpi/check-observation-values';
import { checkSubmission } from './check-submission';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { takeSubmissionLocks } from './kpi-write-lock';
import { applyRollupChange, pathIds } from './rollups';
import { namedUnit } from '../org/named-unit';
import { lastMonthMoved, requestFactRefresh } from '../facts/request-fact-refresh';

export interface SubmitObservationCommand {
  kpi: string;
  orgUnit: string;
  period: string;
  values: readonly NamedValue[];
  idempotencyKey?: string | null;
  expectedVersion?: number | null;
}

export interface SubmissionDeps {
  em: EntityManager;
  registry: KpiRegistry;
  access: Access;
  now: Date;
}

/** The time as milliseconds, the one form pg (which MikroORM has give timestamps as text) and PGlite agree on. */
const STORED_COLUMNS = `id, kpi_key, period, version, "values", submitted_by,
  (extract(epoch from submitted_at) * 1000)::float8 as submitted_at_ms, idempotency_key`;

interface StoredObservation {
  id: number;
  kpi_key: string;
  period: string;
  version: number;
  values: Record<string, number>;
  submitted_by: string;
  submitted_at_ms: number;
  idempotency_key: string | null;
}

/** A left join's columns, null where it matched nothing. */
type NullableFields<T> = { [Field in keyof T]: T[Field] | null };

/** A stored version as the API returns it; not handed to the entity manager, which would write it again. */
function observationOf(row: StoredObservation, unit: OrgUnitEntity): ObservationEntity {
  return Object.assign(new ObservationEntity(), {
    id: row.id,
    kpiKey: row.kpi_key,
    orgUnit: unit,
    period: row.period,
    version: row.version,
    values: row.values,
    submittedBy: row.submitted_by,
    submittedAt: new Date(row.submitted_at_ms),
    idempotencyKey: row.idempotency_key ?? undefined,
  });
}

/** PostgreSQL's unique_violation, as pg and PGlite both report it. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Stores a new version of one KPI's values for one unit and month and updates every ancestor's roll-up,
 * all in one transaction; a rejected submission writes nothing.
 */
export async function submitObservation(
  deps: SubmissionDeps,
  command: SubmitObservationCommand,
): Promise<ObservationEntity> {
  const { em, registry, access, now } = deps;
  const { kpi, unit, period, values } = await checkSubmission(
    { registry, access, now, unitNamed: (code) => namedUnit(em, code) },
    command,
  );
  const { expectedVersion } = command;
  if (expectedVersion != null && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
    throw badUserInput('expectedVersion', 'must be the version you last read (0 when there is none yet)');
  }
  const idempotencyKey = command.idempotencyKey?.trim() || null;
  if (idempotencyKey && idempotencyKey.length > 200)
    throw badUserInput('idempotencyKey', 'must be at most 200 characters');
  if (idempotencyKey) refuseNhsNumber('idempotencyKey', idempotencyKey);
  const submittedBy = access.viewer.subject ?? 'anonymous';

  const attempt = () =>
    inTransaction(em, async (sql): Promise<ObservationEntity> => {
      await takeSubmissionLocks(sql, kpi.key, `${kpi.key}|${unit.id}|${period}`);

      if (idempotencyKey) {
        const [earlier] = await sql.query<StoredObservation & { org_unit_id: number }>(
          `select ${STORED_COLUMNS}, org_unit_id from observation where submitted_by = $1 and idempotency_key = $2`,
          [submittedBy, idempotencyKey],
        );
        if (earlier) {
          const same =
            earlier.kpi_key === kpi.key &&
            earlier.org_unit_id === unit.id &&
            earlier.period === period &&
            isDeepStrictEqual(earlier.values, values);
          if (!same)
            throw badUserInput('idempotencyKey', 'this key was already used for a different submission');
          return observationOf(earlier, unit);
        }
      }

      // The latest version read after the lock, and the next stored unless the caller expected another.
      const [stored] = await sql.query<
        {
          current_version: number;
          replaced: Record<string, number> | null;
        } & NullableFields<StoredObservation>
      >(
        `with latest as (
           select version, "values" from observation where kpi_key = $1::text and org_unit_id = $2::int and period = $3::text
           order by version desc limit 1
         ),
         stored as (
           insert into observation (kpi_key, org_unit_id, period, version, "values", submitted_by, submitted_at, idempotency_key)
           select $1::text, $2::int, $3::text, coalesce((select version from latest), 0) + 1, $4::jsonb, $5::text,
             $6::timestamptz, $7::text
           where $8::int is null or $8::int = coalesce((select version from latest), 0)
           returning ${STORED_COLUMNS}
         )
         select coalesce((select version from latest), 0) as current_version, (select "values" from latest) as replaced,
           stored.*
         from (values (1)) as one left join stored on true`,
        [
          kpi.key,
          unit.id,
          period,
          JSON.stringify(values),
          submittedBy,
          now,
          idempotencyKey,
          expectedVersion ?? null,
        ],
      );
      const { current_version: currentVersion, replaced } = stored!;
      if (stored!.id === null) {
        throw conflict(
          `${kpi.key} for ${unit.code} in ${period} is at version ${currentVersion}, not ${expectedVersion}: read it again before correcting it`,
          { currentVersion },
        );
      }
      await requestFactRefresh(sql, {
        kpiKey: kpi.key,
        unitIds: pathIds(unit.path),
        from: period,
        to: lastMonthMoved(period),
      });
      await applyRollupChange(
        sql,
        { kpiKey: kpi.key, period, pathIds: pathIds(unit.path), values, replaced },
        KPI_CHANGES.channel,
      );
      return observationOf(stored as StoredObservation, unit);
    });

  try {
    return await attempt();
  } catch (error) {
    // The same idempotency key raced in from another request for another unit or month: read the winner.
    if (idempotencyKey && isUniqueViolation(error)) return attempt();
    throw error;
  }
}
