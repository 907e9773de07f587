import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { TierThresholdSettingEntity } from '../../server/db/entities/tier-threshold-setting.entity';
import type { AppliedThresholds } from '../../server/kpi/applied-thresholds';
import { readAppliedThresholds, readThresholdSettings } from '../../server/kpi/read-applied-thresholds';
import type { ThresholdRequest } from '../../server/kpi/read-applied-thresholds';
import { pathIds } from '../../server/kpi/rollups';

export interface ThresholdHistoryKey {
  unit: { id: number; path: string };
  kpiKey: string;
}

export function createTierThresholdLoaders(em: EntityManager) {
  /** The thresholds that apply to a KPI at a unit in a month: what its tier is classified with. */
  const applied = new DataLoader<ThresholdRequest, AppliedThresholds<TierThresholdSettingEntity>, string>(
    (requests) => readAppliedThresholds(em, requests),
    { cacheKeyFn: ({ unit, kpi, month }) => `${unit.id}|${kpi.key}|${month}` },
  );

  /** Every setting of a KPI on a unit and its ancestors, newest first. */
  const history = new DataLoader<ThresholdHistoryKey, TierThresholdSettingEntity[], string>(
    async (keys) => {
      const settings = await readThresholdSettings(
        em,
        keys.map((key) => key.kpiKey),
        keys.flatMap((key) => pathIds(key.unit.path)),
      );
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
