import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ObservationEntity } from '../../server/storage/db/entities/observation.entity';

export interface HistoryKey {
  unitId: number;
  kpiKey: string;
  period: string;
}

export function createObservationLoaders(em: EntityManager) {
  /** Every version for one unit, KPI and month, newest first. */
  const history = new DataLoader<HistoryKey, ObservationEntity[], string>(
    async (keys) => {
      const rows = await em.find(
        ObservationEntity,
        { $or: keys.map((key) => ({ orgUnit: key.unitId, kpiKey: key.kpiKey, period: key.period })) },
        { orderBy: { version: 'desc' } },
      );
      return keys.map((key) =>
        rows.filter(
          (row) => row.orgUnit.id === key.unitId && row.kpiKey === key.kpiKey && row.period === key.period,
        ),
      );
    },
    { cacheKeyFn: (key) => `${key.unitId}|${key.kpiKey}|${key.period}` },
  );
  return { history };
}
