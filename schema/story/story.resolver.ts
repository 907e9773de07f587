import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { StoryEntity } from '../../server/storage/db/entities/story.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { addStory } from '../../server/storage/story/add-story';
import { editStory } from '../../server/storage/story/edit-story';
import type { Context } from '../context';
import { Kpi } from '../kpi/kpi.type';
import { OrgUnit } from '../org-unit/org-unit.type';
import { AddStoryInput } from './add-story.input';
import { EditStoryInput } from './edit-story.input';
import { StoryRevision } from './story-revision.type';
import { Story } from './story.type';

@Resolver(() => Story)
export class StoryResolver {
  @Mutation(() => Story, {
    description:
      "Adds a story about a unit's month, and about one KPI there when `kpi` is given. Needs CONTRIBUTOR on the unit.",
  })
  addStory(@Arg('input') input: AddStoryInput, @Ctx() context: Context): Promise<StoryEntity> {
    return addStory(
      { em: context.em, registry: context.registry, access: context.access, now: context.now() },
      input,
    );
  }

  @Mutation(() => Story, {
    description:
      'Makes the next version of a story; the earlier versions stay in its history. Needs CONTRIBUTOR on its unit.',
  })
  editStory(@Arg('input') input: EditStoryInput, @Ctx() context: Context): Promise<StoryEntity> {
    return editStory({ em: context.em, access: context.access, now: context.now() }, input);
  }

  @FieldResolver(() => Kpi, {
    nullable: true,
    description: "Null for a story about the unit's month as a whole.",
  })
  kpi(@Root() story: StoryEntity, @Ctx() { registry }: Context): KpiDefinition | null {
    return story.kpiKey === null ? null : (registry.get(story.kpiKey) ?? null);
  }

  @FieldResolver(() => OrgUnit)
  orgUnit(@Root() story: StoryEntity, @Ctx() { loaders }: Context): Promise<OrgUnitEntity | null> {
    return loaders.orgUnits.byId.load(story.orgUnit.id);
  }

  @FieldResolver(() => String, { description: 'When the story was added (ISO 8601).' })
  createdAt(@Root() story: StoryEntity): string {
    return story.createdAt.toISOString();
  }

  @FieldResolver(() => String, { description: 'When the current version was stored (ISO 8601).' })
  updatedAt(@Root() story: StoryEntity): string {
    return story.updatedAt.toISOString();
  }

  @FieldResolver(() => [StoryRevision], {
    description: 'Every version, the current one included, newest first: what was said, by whom and when.',
  })
  async history(@Root() story: StoryEntity, @Ctx() { loaders }: Context): Promise<StoryRevision[]> {
    const revisions = await loaders.stories.history.load(story.id);
    return revisions.map(({ version, kind, text, editedBy, editedAt }) => ({
      version,
      kind,
      text,
      editedBy,
      editedAt: editedAt.toISOString(),
    }));
  }
}
