import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { Domain } from '../../server/engine/kpi/vocabulary';
import type { Context } from '../context';
import { DomainEnum } from '../enums';
import { OrgUnit } from '../org-unit/org-unit.type';
import { periodInput } from '../../server/engine/kpi/period-input';
import { KpiValue } from './kpi-value.type';

@Resolver(() => OrgUnit)
export class ScorecardResolver {
  @FieldResolver(() => KpiValue, { description: "One KPI's value here, rolled up from everything below." })
  async kpiValue(
    @Root() unit: OrgUnitEntity,
    @Arg('kpi') kpiKey: string,
    @Arg('period') period: string,
    @Ctx() { registry, access }: Context,
  ): Promise<KpiValue> {
    const kpi = registry.named(kpiKey);
    const parsed = periodInput(period);
    await access.require('VIEWER', unit, `Reading KPI values of ${unit.code}`);
    return new KpiValue(kpi, unit, parsed);
  }

  @FieldResolver(() => [KpiValue], {
    description: 'Every KPI here for the period, optionally one domain or one pathway stage.',
  })
  async scorecard(
    @Root() unit: OrgUnitEntity,
    @Arg('period') period: string,
    @Ctx() { registry, access }: Context,
    @Arg('domain', () => DomainEnum, { nullable: true }) domain?: Domain | null,
    @Arg('stage', () => String, { nullable: true }) stage?: string | null,
  ): Promise<KpiValue[]> {
    const parsed = periodInput(period);
    await access.require('VIEWER', unit, `Reading the scorecard of ${unit.code}`);
    return registry
      .all()
      .filter((kpi) => (!domain || kpi.domain === domain) && (!stage || kpi.stages.includes(stage)))
      .map((kpi) => new KpiValue(kpi, unit, parsed));
  }
}
