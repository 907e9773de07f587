import { Arg, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import type { ObservationEntity } from '../../server/storage/db/entities/observation.entity';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { KpiDefinition, TierThresholds } from '../../server/engine/kpi/define-kpi';
import type { KpiRegistry } from '../../server/engine/kpi/kpi-registry';
import { submitObservation } from '../../server/storage/kpi/submit-observation';
import type { Tier } from '../../server/engine/kpi/vocabulary';
import type { Context } from '../context';
import { TierEnum } from '../enums';
import { calculationFailed } from '../kpi/calculation-failed';
import { Kpi } from '../kpi/kpi.type';
import { InputValue } from '../kpi-value/input-value.type';
import { OrgUnit } from '../org-unit/org-unit.type';
import { Observation } from './observation.type';
import { SubmitObservationInput } from './submit-observation.input';

function evaluate(
  observation: ObservationEntity,
  registry: KpiRegistry,
  thresholds?: TierThresholds,
): { value: number | null; tier: Tier | null } {
  const kpi = registry.get(observation.kpiKey);
  if (!kpi) return { value: null, tier: null };
  const result = registry.evaluate(kpi, observation.values, thresholds);
  if (result.error) throw calculationFailed(kpi.key, result.error);
  return result;
}

@Resolver(() => Observation)
export class ObservationResolver {
  @Mutation(() => Observation, {
    description:
      "Submits a month of a KPI's inputs for a unit at its collecting level; a second submission is a correction. Needs CONTRIBUTOR on the unit.",
  })
  async submitObservation(
    @Arg('input') input: SubmitObservationInput,
    @Ctx() context: Context,
  ): Promise<ObservationEntity> {
    return submitObservation(
      { em: context.em, registry: context.registry, access: context.access, now: context.now() },
      input,
    );
  }

  @FieldResolver(() => Kpi)
  kpi(@Root() observation: ObservationEntity, @Ctx() { registry }: Context): KpiDefinition | undefined {
    return registry.get(observation.kpiKey);
  }

  @FieldResolver(() => OrgUnit)
  async orgUnit(
    @Root() observation: ObservationEntity,
    @Ctx() { loaders }: Context,
  ): Promise<OrgUnitEntity | null> {
    return loaders.orgUnits.byId.load(observation.orgUnit.id);
  }

  @FieldResolver(() => [InputValue], {
    description: "The values as submitted in this version, in the KPI's input order.",
  })
  values(@Root() observation: ObservationEntity, @Ctx() { registry }: Context): InputValue[] {
    const declared = Object.keys(registry.get(observation.kpiKey)?.inputs ?? {});
    const names = [
      ...declared.filter((name) => Object.hasOwn(observation.values, name)),
      ...Object.keys(observation.values).filter((name) => !declared.includes(name)),
    ];
    return names.map((name) => ({ name, value: observation.values[name]! }));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "The KPI's value from this version's inputs alone.",
  })
  value(@Root() observation: ObservationEntity, @Ctx() { registry }: Context): number | null {
    return evaluate(observation, registry).value;
  }

  @FieldResolver(() => TierEnum, {
    nullable: true,
    description: "Classified with the thresholds that apply to the unit in the observation's month.",
  })
  async tier(
    @Root() observation: ObservationEntity,
    @Ctx() { registry, loaders }: Context,
  ): Promise<Tier | null> {
    const kpi = registry.get(observation.kpiKey);
    const unit = await loaders.orgUnits.byId.load(observation.orgUnit.id);
    if (!kpi || !unit) return null;
    const applied = await loaders.tierThresholds.applied.load({ unit, kpi, month: observation.period });
    return evaluate(observation, registry, applied.thresholds).tier;
  }

  @FieldResolver(() => String, { description: 'When this version was stored (ISO 8601).' })
  submittedAt(@Root() observation: ObservationEntity): string {
    return observation.submittedAt.toISOString();
  }
}
