import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { TierThresholdSettingEntity } from '../../server/storage/db/entities/tier-threshold-setting.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { resetTierThresholds, setTierThresholds } from '../../server/storage/kpi/set-tier-thresholds';
import type { TierThresholdDeps } from '../../server/storage/kpi/set-tier-thresholds';
import type { Context } from '../context';
import { Kpi } from '../kpi/kpi.type';
import { OrgUnit } from '../org-unit/org-unit.type';
import { ResetTierThresholdsInput } from './reset-tier-thresholds.input';
import { SetTierThresholdsInput } from './set-tier-thresholds.input';
import { TierThresholdSetting } from './tier-threshold-setting.type';

function deps(context: Context): TierThresholdDeps {
  return { em: context.em, registry: context.registry, access: context.access, now: context.now() };
}

@Resolver(() => TierThresholdSetting)
export class TierThresholdsResolver {
  @Mutation(() => TierThresholdSetting, {
    description:
      "Sets a unit's own tier thresholds for a KPI from a month on: they classify the values of the unit and of every unit below it that has none of its own. Needs MANAGER on the unit.",
  })
  setTierThresholds(
    @Arg('input') input: SetTierThresholdsInput,
    @Ctx() context: Context,
  ): Promise<TierThresholdSettingEntity> {
    return setTierThresholds(deps(context), input);
  }

  @Mutation(() => TierThresholdSetting, {
    description:
      "From a month on, the unit stops overriding a KPI's thresholds and uses what applies above it. Needs MANAGER on the unit.",
  })
  resetTierThresholds(
    @Arg('input') input: ResetTierThresholdsInput,
    @Ctx() context: Context,
  ): Promise<TierThresholdSettingEntity> {
    return resetTierThresholds(deps(context), input);
  }

  @FieldResolver(() => Kpi)
  kpi(@Root() setting: TierThresholdSettingEntity, @Ctx() { registry }: Context): KpiDefinition | undefined {
    return registry.get(setting.kpiKey);
  }

  @FieldResolver(() => OrgUnit, { description: 'The unit the setting is on.' })
  orgUnit(
    @Root() setting: TierThresholdSettingEntity,
    @Ctx() { loaders }: Context,
  ): Promise<OrgUnitEntity | null> {
    return loaders.orgUnits.byId.load(setting.orgUnit.id);
  }

  @FieldResolver(() => String, { description: 'When it was recorded (ISO 8601).' })
  setAt(@Root() setting: TierThresholdSettingEntity): string {
    return setting.setAt.toISOString();
  }
}
