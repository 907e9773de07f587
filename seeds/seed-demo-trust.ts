import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../server/storage/db/entities/org-unit.entity';
import { ReviewActionEntity } from '../server/storage/db/entities/review-action.entity';
import { ReviewCycleEntity } from '../server/storage/db/entities/review-cycle.entity';
import { StoryRevisionEntity } from '../server/storage/db/entities/story-revision.entity';
import { StoryEntity } from '../server/storage/db/entities/story.entity';
import { TierThresholdSettingEntity } from '../server/storage/db/entities/tier-threshold-setting.entity';
import { nextMonth } from '../server/engine/kpi/period';
import { rebuildRollups } from '../server/storage/kpi/rollups';
import { insertOrgUnit } from '../server/storage/org/create-org-unit';
import { DEMO_REVIEWS, DEMO_STORIES, DEMO_THRESHOLDS } from './demo-narratives';
import { buildDemoTrust } from './demo-trust';

export const DEMO_SUBMITTER = 'demo-seed';
/** Several instances may start together on one empty database: the first to take this lock seeds it. */
const SEED_LOCK = 7_340_201;
const OBSERVATIONS_PER_STATEMENT = 5_000;

/**
 * Writes the demo trust in one transaction when the database holds no units: the tree, every
 * observation as version 1, the roll-ups computed from them in bulk, then its stories, local thresholds and
 * the review under way.
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

    const unit = (code: string) => tx.getReference(OrgUnitEntity, units.get(code)!.id);
    for (const story of DEMO_STORIES) {
      // Written early in the month after, as a team writes up its month.
      const writtenAt = new Date(`${nextMonth(story.period)}-05T10:00:00Z`);
      const { orgUnit, kpi, author, ...told } = story;
      const row = tx.create(StoryEntity, {
        ...told,
        orgUnit: unit(orgUnit),
        kpiKey: kpi,
        author,
        version: 1,
        createdAt: writtenAt,
        updatedAt: writtenAt,
      });
      tx.create(StoryRevisionEntity, {
        story: row,
        version: 1,
        kind: told.kind,
        text: told.text,
        editedBy: author,
        editedAt: writtenAt,
      });
    }
    for (const { orgUnit, kpi, thresholds, ...setting } of DEMO_THRESHOLDS) {
      tx.create(TierThresholdSettingEntity, {
        ...setting,
        ...thresholds,
        kpiKey: kpi,
        orgUnit: unit(orgUnit),
        reset: false,
        setAt: new Date(`${setting.fromPeriod}-01T09:00:00Z`),
      });
    }
    for (const { orgUnit, period, signedOffBy, comment, actions } of DEMO_REVIEWS) {
      const reviewedAt = new Date(`${nextMonth(period)}-12T14:00:00Z`);
      const cycle = tx.create(ReviewCycleEntity, {
        orgUnit: unit(orgUnit),
        period,
        signedOffBy,
        signedOffAt: reviewedAt,
        signOffComment: comment,
      });
      for (const action of actions) {
        tx.create(ReviewActionEntity, {
          ...action,
          cycle,
          createdBy: signedOffBy,
          createdAt: reviewedAt,
          updatedAt: reviewedAt,
        });
      }
    }
    await tx.flush();
    return true;
  });
}
