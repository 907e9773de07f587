import type { EntityManager } from '@mikro-orm/postgresql';
import { createFactLoaders } from './attention/fact.loaders';
import { createKpiValueLoaders } from './kpi-value/kpi-value.loaders';
import { createObservationLoaders } from './observation/observation.loaders';
import { createOrgUnitLoaders } from './org-unit/org-unit.loaders';
import { createReviewLoaders } from './review/review.loaders';
import { createSeriesLoaders } from './series/series.loaders';
import { createStoryLoaders } from './story/story.loaders';
import { createTierThresholdLoaders } from './tier-threshold/tier-threshold.loaders';

/** One set per request, so batching and caching never leak between viewers. */
export function createLoaders(em: EntityManager, signal?: AbortSignal) {
  return {
    orgUnits: createOrgUnitLoaders(em),
    facts: createFactLoaders(em, signal),
    kpiValues: createKpiValueLoaders(em),
    observations: createObservationLoaders(em),
    series: createSeriesLoaders(em),
    stories: createStoryLoaders(em),
    reviews: createReviewLoaders(em),
    tierThresholds: createTierThresholdLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
