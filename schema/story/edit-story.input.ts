import { Field, ID, InputType, Int } from 'type-graphql';
import type { StoryKind } from '../../server/engine/story/story-kinds';
import { StoryKindEnum } from '../enums';

@InputType('EditStoryInput', { description: 'Give the new text, the new kind, or both.' })
export class EditStoryInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The new text, checked as when adding a story.' })
  text?: string | null;

  @Field(() => StoryKindEnum, { nullable: true })
  kind?: StoryKind | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version being edited; an edit that has been overtaken is a CONFLICT.',
  })
  expectedVersion?: number | null;
}
