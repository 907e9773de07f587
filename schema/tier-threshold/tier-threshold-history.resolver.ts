import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { TierThresholdSettingEntity } from '../../server/storage/db/entities/tier-threshold-setting.entity';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { TierThresholdSetting } from './tier-threshold-setting.type';

@Resolver(() => OrgUnit)
export class TierThresholdHistoryResolver {
  @FieldResolver(() => [TierThresholdSetting], {
    description:
      "Every tier threshold setting of a KPI on this unit and the units above it, newest first: the history of what this unit's values were held to.",
  })
  async tierThresholdHistory(
    @Root() unit: OrgUnitEntity,
    @Arg('kpi') kpi: string,
    @Ctx() { loaders, access, registry }: Context,
  ): Promise<TierThresholdSettingEntity[]> {
    registry.named(kpi);
    await access.require('VIEWER', unit, `Reading the tier threshold history of ${unit.code}`);
    return loaders.tierThresholds.history.load({ unit, kpiKey: kpi });
  }
}
