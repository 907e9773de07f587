import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { PubSub } from 'type-graphql';
import { AttentionResolver } from './attention/attention.resolver';
import { translateDomainErrors } from './domain-errors';
import { ImportResolver } from './import/import.resolver';
import { KpiResolver } from './kpi/kpi.resolver';
import { LiveResolver } from './live/live.resolver';
import { StoryAddedResolver } from './live/story-added.resolver';
import { CompanionValueResolver, KpiValueCompanionsResolver } from './kpi-value/companions.resolver';
import { KpiValueResolver } from './kpi-value/kpi-value.resolver';
import { ScorecardResolver } from './kpi-value/scorecard.resolver';
import { ObservationHistoryResolver } from './observation/observation-history.resolver';
import { ObservationResolver } from './observation/observation.resolver';
import { LatestPeriodResolver } from './org-unit/latest-period.resolver';
import { OrgUnitConnectionsResolver } from './org-unit/org-unit-connections.resolver';
import { OrgUnitResolver } from './org-unit/org-unit.resolver';
import { PathwayResolver, PathwayStageResolver } from './pathway/pathway.resolver';
import { OrgUnitReviewsResolver } from './review/org-unit-reviews.resolver';
import { ReviewActionResolver } from './review/review-action.resolver';
import { ReviewCycleResolver } from './review/review-cycle.resolver';
import { SeriesResolver } from './series/series.resolver';
import { KpiValueStoriesResolver } from './story/kpi-value-stories.resolver';
import { OrgUnitStoriesResolver } from './story/org-unit-stories.resolver';
import { StoryResolver } from './story/story.resolver';
import { KpiValueThresholdsResolver } from './tier-threshold/kpi-value-thresholds.resolver';
import { TierThresholdHistoryResolver } from './tier-threshold/tier-threshold-history.resolver';
import { TierThresholdsResolver } from './tier-threshold/tier-thresholds.resolver';

export const RESOLVERS = [
  OrgUnitResolver,
  OrgUnitConnectionsResolver,
  LatestPeriodResolver,
  SeriesResolver,
  AttentionResolver,
  ScorecardResolver,
  KpiValueResolver,
  KpiValueCompanionsResolver,
  CompanionValueResolver,
  KpiResolver,
  PathwayResolver,
  PathwayStageResolver,
  ObservationResolver,
  ObservationHistoryResolver,
  ImportResolver,
  TierThresholdsResolver,
  TierThresholdHistoryResolver,
  KpiValueThresholdsResolver,
  StoryResolver,
  KpiValueStoriesResolver,
  OrgUnitStoriesResolver,
  ReviewCycleResolver,
  ReviewActionResolver,
  OrgUnitReviewsResolver,
  LiveResolver,
  StoryAddedResolver,
] as const;

/**
 * type-graphql insists on a topic-based PubSub once there are subscriptions, but every subscription here
 * brings its own `subscribe` (the live hub), so topics are refused outright rather than silently unused.
 */
const NO_TOPICS: PubSub = {
  publish: () => {
    throw new Error('Subscriptions are fed by the live hub, not by topics');
  },
  subscribe: () => {
    throw new Error('Subscriptions are fed by the live hub, not by topics');
  },
};

/**
 * Input checks name the offending field themselves, so type-graphql's class-validator pass stays off. The
 * engine's refusals become GraphQL errors here, at the edge.
 */
export async function buildPlatformSchema(): Promise<GraphQLSchema> {
  return translateDomainErrors(
    await buildSchema({ resolvers: RESOLVERS, validate: false, pubSub: NO_TOPICS }),
  );
}
