import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { StoryEntity } from '../../server/storage/db/entities/story.entity';
import type { Context } from '../context';
import { KpiValue } from '../kpi-value/kpi-value.type';
import { Story } from './story.type';

@Resolver(() => KpiValue)
export class KpiValueStoriesResolver {
  @FieldResolver(() => [Story], {
    description:
      "The stories about this KPI at this unit in the period's months, newest first; with descendants: true, those of every unit below it too.",
  })
  async stories(
    @Root() value: KpiValue,
    @Ctx() { loaders, access }: Context,
    @Arg('descendants', () => Boolean, { nullable: true, defaultValue: false }) descendants?: boolean | null,
  ): Promise<StoryEntity[]> {
    await access.require('VIEWER', value.unit, `Reading the stories of ${value.unit.code}`);
    return loaders.stories.about.load({
      unit: value.unit,
      months: value.periodOf.months,
      kpiKey: value.kpi.key,
      descendants: descendants ?? false,
    });
  }
}
