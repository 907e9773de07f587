import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { StoryEntity } from '../../server/storage/db/entities/story.entity';
import { periodInput } from '../../server/engine/kpi/period-input';
import { DEFAULT_PAGE } from '../connection/paging';
import { connectionType } from '../connection/connection';
import type { Connection } from '../connection/connection';
import { pageOfNewestFirst } from '../connection/list-page';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { Story } from './story.type';

export const StoryConnection = connectionType(Story, 'Story');

@Resolver(() => OrgUnit)
export class OrgUnitStoriesResolver {
  @FieldResolver(() => [Story], {
    description:
      "The stories about this unit in the period's months, newest first: every story, or one KPI's. With descendants: true, those of every unit below it too.",
  })
  async stories(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, quarter, financial year or year.' }) period: string,
    @Ctx() context: Context,
    @Arg('kpi', () => String, {
      nullable: true,
      description: 'Only this KPI; when absent, every story, those about no KPI included.',
    })
    kpi?: string | null,
    @Arg('descendants', () => Boolean, { nullable: true, defaultValue: false }) descendants?: boolean | null,
  ): Promise<StoryEntity[]> {
    const { loaders, access, registry } = context;
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

  @FieldResolver(() => StoryConnection, {
    description: 'The stories of `stories`, newest first, a page at a time.',
  })
  async storiesConnection(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, quarter, financial year or year.' }) period: string,
    @Ctx() context: Context,
    @Arg('kpi', () => String, { nullable: true, description: 'Only this KPI.' }) kpi?: string | null,
    @Arg('descendants', () => Boolean, { nullable: true, defaultValue: false }) descendants?: boolean | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE }) first: number = DEFAULT_PAGE,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<StoryEntity>> {
    const all = await this.stories(unit, period, context, kpi, descendants);
    return pageOfNewestFirst(
      all,
      (story) => [story.createdAt.getTime(), story.id],
      ['number', 'number'],
      first,
      after,
    );
  }
}
