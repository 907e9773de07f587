import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/core';
import { StoryRevisionEntity } from '../../server/storage/db/entities/story-revision.entity';
import { StoryEntity } from '../../server/storage/db/entities/story.entity';

/** The stories about one unit (and, with `descendants`, every unit below it) in some months. */
export interface StoriesAboutKey {
  unit: { id: number; path: string };
  months: readonly string[];
  /** One KPI's stories; null for every story, those about no KPI included. */
  kpiKey: string | null;
  descendants: boolean;
}

function aboutKey(key: StoriesAboutKey): string {
  return `${key.unit.id}|${key.months.join(',')}|${key.kpiKey ?? '*'}|${key.descendants}`;
}

function matches(key: StoriesAboutKey, story: StoryEntity): boolean {
  const unit = key.descendants
    ? story.orgUnit.path.startsWith(key.unit.path)
    : story.orgUnit.id === key.unit.id;
  return unit && key.months.includes(story.period) && (key.kpiKey === null || story.kpiKey === key.kpiKey);
}

export function createStoryLoaders(em: EntityManager) {
  /** Newest first. A batch is one query over every key's units and months, shared out afterwards. */
  const about = new DataLoader<StoriesAboutKey, StoryEntity[], string>(
    async (keys) => {
      const singleUnits = keys.filter((key) => !key.descendants).map((key) => key.unit.id);
      const subtrees = keys.filter((key) => key.descendants).map((key) => key.unit.path);
      const units: FilterQuery<StoryEntity>[] = [
        ...(singleUnits.length > 0 ? [{ orgUnit: { $in: [...new Set(singleUnits)] } }] : []),
        ...[...new Set(subtrees)].map((path) => ({ orgUnit: { path: { $like: `${path}%` } } })),
      ];
      const kpiKeys = keys.every((key) => key.kpiKey !== null)
        ? { kpiKey: { $in: [...new Set(keys.map((key) => key.kpiKey!))] } }
        : {};
      const rows = await em.find(
        StoryEntity,
        { $or: units, period: { $in: [...new Set(keys.flatMap((key) => key.months))] }, ...kpiKeys },
        { populate: ['orgUnit'], orderBy: { createdAt: 'desc', id: 'desc' } },
      );
      return keys.map((key) => rows.filter((story) => matches(key, story)));
    },
    { cacheKeyFn: aboutKey },
  );

  /** Every version of each story, newest first. */
  const history = new DataLoader<number, StoryRevisionEntity[]>(async (storyIds) => {
    const rows = await em.find(
      StoryRevisionEntity,
      { story: { $in: [...storyIds] } },
      { orderBy: { version: 'desc' } },
    );
    return storyIds.map((id) => rows.filter((revision) => revision.story.id === id));
  });

  return { about, history };
}
