import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { TierThresholdSettingEntity } from '../../server/storage/db/entities/tier-threshold-setting.entity';
import type { AppliedThresholds } from '../../server/engine/kpi/applied-thresholds';
import { appliedFrom } from '../../server/storage/kpi/read-applied-thresholds';
import type { ThresholdRequest } from '../../server/storage/kpi/read-applied-thresholds';
import { pathIds } from '../../server/storage/kpi/rollups';

export interface ThresholdHistoryKey {
  unit: { id: number; path: string };
  kpiKey: string;
}

export function createTierThresholdLoaders(em: EntityManager) {
  // Settings are made by hand, a handful per KPI and unit over years: one read of them all answers every
  // question a request asks, however its fields interleave, where batching by unit would split with timing.
  let everySetting: Promise<TierThresholdSettingEntity[]> | undefined;
  const allSettings = () =>
    (everySetting ??= em.find(TierThresholdSettingEntity, {}, { orderBy: { id: 'asc' } }));

  /** The thresholds that apply to a KPI at a unit in a month: what its tier is classified with. */
  const applied = new DataLoader<ThresholdRequest, AppliedThresholds<TierThresholdSettingEntity>, string>(
    async (requests) => appliedFrom(await allSettings(), requests),
    { cacheKeyFn: ({ unit, kpi, month }) => `${unit.id}|${kpi.key}|${month}` },
  );

  /** Every setting of a KPI on a unit and its ancestors, newest first. */
  const history = new DataLoader<ThresholdHistoryKey, TierThresholdSettingEntity[], string>(
    async (keys) => {
      const settings = await allSettings();
      return keys.map(({ unit, kpiKey }) => {
        const onPath = new Set(pathIds(unit.path));
        return settings
          .filter((setting) => setting.kpiKey === kpiKey && onPath.has(setting.orgUnit.id))
          .reverse();
      });
    },
    { cacheKeyFn: ({ unit, kpiKey }) => `${unit.id}|${kpiKey}` },
  );

  return { applied, history };
}
