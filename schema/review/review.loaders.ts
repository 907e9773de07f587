import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ReviewActionEntity } from '../../server/storage/db/entities/review-action.entity';
import { ReviewCycleEntity } from '../../server/storage/db/entities/review-cycle.entity';

export interface ReviewCycleKey {
  unitId: number;
  /** The month, `YYYY-MM`. */
  period: string;
}

const cycleKey = (key: ReviewCycleKey) => `${key.unitId}|${key.period}`;

export function createReviewLoaders(em: EntityManager) {
  /** The stored steps of a unit's month: null until it is signed off. One query for a whole subtree's units. */
  const cycles = new DataLoader<ReviewCycleKey, ReviewCycleEntity | null, string>(
    async (keys) => {
      const rows = await em.find(
        ReviewCycleEntity,
        {
          orgUnit: { $in: [...new Set(keys.map((key) => key.unitId))] },
          period: { $in: [...new Set(keys.map((key) => key.period))] },
        },
        { refresh: true },
      );
      const found = new Map(
        rows.map((cycle) => [cycleKey({ unitId: cycle.orgUnit.id, period: cycle.period }), cycle]),
      );
      return keys.map((key) => found.get(cycleKey(key)) ?? null);
    },
    { cacheKeyFn: cycleKey },
  );

  /** Each cycle's actions, oldest first. */
  const actions = new DataLoader<number, ReviewActionEntity[]>(async (cycleIds) => {
    const rows = await em.find(
      ReviewActionEntity,
      { cycle: { $in: [...cycleIds] } },
      { populate: ['cycle'], orderBy: { id: 'asc' }, refresh: true },
    );
    return cycleIds.map((id) => rows.filter((action) => action.cycle.id === id));
  });

  return { cycles, actions };
}
