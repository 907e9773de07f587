import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import type { PathwayDefinition } from '../../server/engine/kpi/pathways';
import { PATHWAYS } from '../../server/engine/kpi/pathways';
import type { Context } from '../context';
import { Kpi } from '../kpi/kpi.type';
import { Pathway, PathwayStage, stagesOf } from './pathway.type';

@Resolver(() => Pathway)
export class PathwayResolver {
  @Query(() => [Pathway])
  pathways(): readonly PathwayDefinition[] {
    return PATHWAYS;
  }

  @FieldResolver(() => [PathwayStage])
  stages(@Root() pathway: PathwayDefinition): PathwayStage[] {
    return stagesOf(pathway);
  }
}

@Resolver(() => PathwayStage)
export class PathwayStageResolver {
  @FieldResolver(() => Pathway)
  pathway(@Root() stage: PathwayStage): PathwayDefinition {
    return stage.pathway;
  }

  @FieldResolver(() => PathwayStage, { nullable: true })
  previous(@Root() stage: PathwayStage): PathwayStage | null {
    return stagesOf(stage.pathway)[stage.position - 1] ?? null;
  }

  @FieldResolver(() => PathwayStage, { nullable: true })
  next(@Root() stage: PathwayStage): PathwayStage | null {
    return stagesOf(stage.pathway)[stage.position + 1] ?? null;
  }

  @FieldResolver(() => [Kpi], { description: 'The KPIs that measure this stage.' })
  kpis(@Root() stage: PathwayStage, @Ctx() { registry }: Context): KpiDefinition[] {
    return registry.all().filter((kpi) => kpi.stages.includes(stage.key));
  }
}
