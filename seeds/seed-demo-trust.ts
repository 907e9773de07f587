import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../server/db/entities/org-unit.entity';
import { rebuildRollups } from '../server/kpi/rollups';
import { insertOrgUnit } from '../server/org/create-org-unit';
import { buildDemoTrust } from './demo-trust';

export const DEMO_SUBMITTER = 'demo-seed';
/** Several instances may start together on one empty database: the first to take this lock seeds it. */
const SEED_LOCK = 7_340_201;
const OBSERVATIONS_PER_STATEMENT = 5_000;

/**
 * Writes the demo trust in one transaction when the database holds no units: the tree, every
 * observation as version 1, then the roll-ups computed from them in bulk.
 */
export async function seedDemoTrustIfEmpty(em: EntityManager): Promise<boolean> {
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(?)', [SEED_LOCK]);
    if ((await tx.count(OrgUnitEntity)) > 0) return false;

    const trust = buildDemoTrust();
    const units = new Map<string, { id: number; path: string }>();
    for (const unit of trust.orgUnits) {
      const parent = unit.parentCode ? units.get(unit.parentCode)! : null;
      units.set(unit.code, await insertOrgUnit(tx, { ...unit, parent }));
    }

    const submittedAt = new Date().toISOString();
    const rows = trust.observations.map((observation) => ({
      kpi_key: observation.kpi,
      org_unit_id: units.get(observation.orgUnit)!.id,
      period: observation.period,
      values: observation.values,
    }));
    for (let start = 0; start < rows.length; start += OBSERVATIONS_PER_STATEMENT) {
      await tx.execute(
        `insert into observation (kpi_key, org_unit_id, period, version, "values", submitted_by, submitted_at)
         select kpi_key, org_unit_id, period, 1, "values", ?, ?::timestamptz
         from jsonb_to_recordset(?::jsonb) as seed(kpi_key text, org_unit_id int, period text, "values" jsonb)`,
        [DEMO_SUBMITTER, submittedAt, JSON.stringify(rows.slice(start, start + OBSERVATIONS_PER_STATEMENT))],
      );
    }
    await rebuildRollups(tx);
    return true;
  });
}
