import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isDeepStrictEqual } from 'node:util';
import type { Access } from '../auth/access';
import { ObservationEntity } from '../db/entities/observation.entity';
import { badUserInput, conflict } from '../errors';
import { refuseNhsNumber } from '../free-text';
import { announceChange } from '../live/kpi-change';
import type { KpiChange } from '../live/kpi-change';
import type { NamedValue } from './check-observation-values';
import { checkSubmission } from './check-submission';
import type { KpiRegistry } from './kpi-registry';
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

export interface SubmissionResult {
  observation: ObservationEntity;
  /** Every roll-up it moved, as announced to live subscribers; null when an idempotency key matched. */
  change: KpiChange | null;
}

export interface SubmissionDeps {
  em: EntityManager;
  registry: KpiRegistry;
  access: Access;
  now: Date;
}

/**
 * Stores a new version of one KPI's values for one unit and month and updates every ancestor's roll-up,
 * all in one transaction; a rejected submission writes nothing.
 */
export async function submitObservation(
  deps: SubmissionDeps,
  command: SubmitObservationCommand,
): Promise<SubmissionResult> {
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
    em.transactional(async (tx): Promise<SubmissionResult> => {
      await takeSubmissionLocks(tx, kpi.key, `${kpi.key}|${unit.id}|${period}`);

      if (idempotencyKey) {
        const earlier = await tx.findOne(
          ObservationEntity,
          { submittedBy, idempotencyKey },
          { populate: ['orgUnit'] },
        );
        if (earlier) {
          const same =
            earlier.kpiKey === kpi.key &&
            earlier.orgUnit.id === unit.id &&
            earlier.period === period &&
            isDeepStrictEqual(earlier.values, values);
          if (!same)
            throw badUserInput('idempotencyKey', 'this key was already used for a different submission');
          return { observation: earlier, change: null };
        }
      }

      const [latest] = await tx.execute<{ version: number; values: Record<string, number> }[]>(
        `select version, "values" from observation where kpi_key = ? and org_unit_id = ? and period = ?
         order by version desc limit 1`,
        [kpi.key, unit.id, period],
      );
      const currentVersion = latest?.version ?? 0;
      if (expectedVersion != null && expectedVersion !== currentVersion) {
        throw conflict(
          `${kpi.key} for ${unit.code} in ${period} is at version ${currentVersion}, not ${expectedVersion}: read it again before correcting it`,
          { currentVersion },
        );
      }

      // Written directly rather than through a flush: this is the path every form takes.
      const stored = {
        kpiKey: kpi.key,
        period,
        version: currentVersion + 1,
        values,
        submittedBy,
        submittedAt: now,
      };
      const [{ id }] = (await tx.execute<{ id: number }[]>(
        `insert into observation (kpi_key, org_unit_id, period, version, "values", submitted_by, submitted_at, idempotency_key)
         values (?, ?, ?, ?, ?::jsonb, ?, ?, ?) returning id`,
        [kpi.key, unit.id, period, stored.version, JSON.stringify(values), submittedBy, now, idempotencyKey],
      )) as [{ id: number }];
      // Not handed to the entity manager, which would write it again on commit.
      const observation = Object.assign(new ObservationEntity(), {
        id,
        orgUnit: unit,
        ...stored,
        idempotencyKey: idempotencyKey ?? undefined,
      });
      const units = await applyRollupChange(tx, {
        kpiKey: kpi.key,
        period,
        pathIds: pathIds(unit.path),
        values,
        replaced: latest?.values ?? null,
      });
      const change = await announceChange(tx, { kpiKey: kpi.key, period, units });
      await requestFactRefresh(tx, {
        kpiKey: kpi.key,
        unitIds: pathIds(unit.path),
        from: period,
        to: lastMonthMoved(period),
      });
      return { observation, change };
    });

  try {
    return await attempt();
  } catch (error) {
    // The same idempotency key raced in from another request for another unit or month: read the winner.
    if (idempotencyKey && error instanceof UniqueConstraintViolationException) return attempt();
    throw error;
  }
}
