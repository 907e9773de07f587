import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ObservationEntity } from '../../server/db/entities/observation.entity';
import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import type { Context } from '../context';
import { monthInput } from '../../server/kpi/period-input';
import { OrgUnit } from '../org-unit/org-unit.type';
import { Observation } from './observation.type';

@Resolver(() => OrgUnit)
export class ObservationHistoryResolver {
  @FieldResolver(() => [Observation], {
    description: 'Every version submitted for this unit, one KPI and month: the audit trail, newest first.',
  })
  async observations(
    @Root() unit: OrgUnitEntity,
    @Arg('kpi') kpi: string,
    @Arg('period') period: string,
    @Ctx() { loaders, access, registry }: Context,
  ): Promise<ObservationEntity[]> {
    registry.named(kpi);
    monthInput(period, 'observations');
    await access.require('VIEWER', unit, `Reading observations of ${unit.code}`);
    return loaders.observations.history.load({ unitId: unit.id, kpiKey: kpi, period });
  }
}
