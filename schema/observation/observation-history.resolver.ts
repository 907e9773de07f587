import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ObservationEntity } from '../../server/storage/db/entities/observation.entity';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { DEFAULT_PAGE } from '../connection/paging';
import { connectionType } from '../connection/connection';
import type { Connection } from '../connection/connection';
import { pageOfNewestFirst } from '../connection/list-page';
import type { Context } from '../context';
import { monthInput } from '../../server/engine/kpi/period-input';
import { OrgUnit } from '../org-unit/org-unit.type';
import { Observation } from './observation.type';

export const ObservationConnection = connectionType(Observation, 'Observation');

@Resolver(() => OrgUnit)
export class ObservationHistoryResolver {
  @FieldResolver(() => [Observation], {
    description: 'Every version submitted for this unit, one KPI and month: the audit trail, newest first.',
  })
  async observations(
    @Root() unit: OrgUnitEntity,
    @Arg('kpi') kpi: string,
    @Arg('period') period: string,
    @Ctx() context: Context,
  ): Promise<ObservationEntity[]> {
    const { loaders, access, registry } = context;
    registry.named(kpi);
    monthInput(period, 'observations');
    await access.require('VIEWER', unit, `Reading observations of ${unit.code}`);
    return loaders.observations.history.load({ unitId: unit.id, kpiKey: kpi, period });
  }

  @FieldResolver(() => ObservationConnection, {
    description: 'The versions of `observations`, newest first, a page at a time.',
  })
  async observationsConnection(
    @Root() unit: OrgUnitEntity,
    @Arg('kpi') kpi: string,
    @Arg('period') period: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE }) first: number = DEFAULT_PAGE,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<ObservationEntity>> {
    const versions = await this.observations(unit, kpi, period, context);
    return pageOfNewestFirst(versions, (version) => [version.version], ['number'], first, after);
  }
}
