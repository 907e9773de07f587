import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import type { StoryEntity } from '../../server/db/entities/story.entity';
import { periodInput } from '../../server/kpi/period-input';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { Story } from './story.type';

@Resolver(() => OrgUnit)
export class OrgUnitStoriesResolver {
  @FieldResolver(() => [Story], {
    description:
      "The stories about this unit in the period's months, newest first: every story, or one KPI's. With descendants: true, those of every unit below it too.",
  })
  async stories(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, quarter, financial year or year.' }) period: string,
    @Ctx() { loaders, access, registry }: Context,
    @Arg('kpi', () => String, {
      nullable: true,
      description: 'Only this KPI; when absent, every story, those about no KPI included.',
    })
    kpi?: string | null,
    @Arg('descendants', () => Boolean, { nullable: true, defaultValue: false }) descendants?: boolean | null,
  ): Promise<StoryEntity[]> {
    if (kpi != null) registry.named(kpi);
    const parsed = periodInput(period);
    await access.require('VIEWER', unit, `Reading the stories of ${unit.code}`);
    return loaders.stories.about.load({
      unit,
      months: parsed.months,
      kpiKey: kpi ?? null,
      descendants: descendants ?? false,
    });
  }
}
