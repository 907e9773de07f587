import { Field, InputType } from 'type-graphql';
import type { StoryKind } from '../../server/engine/story/story-kinds';
import { StoryKindEnum } from '../enums';

@InputType('AddStoryInput')
export class AddStoryInput {
  @Field({ description: 'The code of the unit the story is about, at any level.' })
  orgUnit!: string;

  @Field({ description: 'A month, e.g. 2026-10; not in the future.' })
  period!: string;

  @Field(() => String, {
    nullable: true,
    description: "The KPI key; leave it out for a story about the unit's month as a whole.",
  })
  kpi?: string | null;

  @Field(() => StoryKindEnum)
  kind!: StoryKind;

  @Field({
    description:
      'At most 4,000 characters, and nothing that identifies a patient (an NHS number is refused).',
  })
  text!: string;
}
