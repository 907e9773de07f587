import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import type { Domain } from '../../server/engine/kpi/vocabulary';
import type { Context } from '../context';
import { DomainEnum } from '../enums';
import { PathwayStage, stagesWithKey } from '../pathway/pathway.type';
import { Kpi, KpiCompanion, KpiInput } from './kpi.type';

@Resolver(() => Kpi)
export class KpiResolver {
  @Query(() => Kpi, { nullable: true, description: 'A KPI by its key.' })
  kpi(@Arg('key') key: string, @Ctx() { registry }: Context): KpiDefinition | null {
    return registry.get(key) ?? null;
  }

  @Query(() => [Kpi], { description: 'Every loaded KPI, optionally only one domain or one pathway stage.' })
  kpis(
    @Ctx() { registry }: Context,
    @Arg('domain', () => DomainEnum, { nullable: true }) domain?: Domain | null,
    @Arg('stage', () => String, { nullable: true }) stage?: string | null,
  ): KpiDefinition[] {
    return registry
      .all()
      .filter((kpi) => (!domain || kpi.domain === domain) && (!stage || kpi.stages.includes(stage)));
  }

  @FieldResolver(() => [KpiInput])
  inputs(@Root() kpi: KpiDefinition): KpiInput[] {
    return Object.entries(kpi.inputs).map(([name, input]) => ({
      name,
      label: input.label,
      kind: input.kind,
    }));
  }

  @FieldResolver(() => [KpiCompanion], { description: 'Its qualitative companions; empty when it has none.' })
  companions(@Root() kpi: KpiDefinition): KpiCompanion[] {
    return Object.entries(kpi.companions ?? {}).map(([key, companion]) => ({
      key,
      label: companion.label,
      unit: companion.unit,
      floor: companion.floor ?? null,
    }));
  }

  @FieldResolver(() => [PathwayStage], {
    description: 'The pathway stages this KPI measures, in every pathway that has them.',
  })
  stages(@Root() kpi: KpiDefinition): PathwayStage[] {
    return kpi.stages.flatMap(stagesWithKey);
  }

  @FieldResolver(() => [String], {
    description: 'Unit tags the KPI is expected from; empty when every collecting unit reports it.',
  })
  appliesTo(@Root() kpi: KpiDefinition): readonly string[] {
    return kpi.appliesTo ?? [];
  }
}
