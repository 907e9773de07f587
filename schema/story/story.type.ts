import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { StoryKind } from '../../server/engine/story/story-kinds';
import { StoryKindEnum } from '../enums';

@ObjectType('Story', {
  description:
    "A narrative beside a KPI value, or beside a unit's month as a whole: the story behind the number.",
})
export class Story {
  @Field(() => ID)
  id!: number;

  @Field(() => StoryKindEnum)
  kind!: StoryKind;

  @Field({ description: 'The current text.' })
  text!: string;

  @Field({ description: 'The `sub` of the token that added the story.' })
  author!: string;

  @Field(() => Int, {
    description: 'Starts at 1; each edit adds one, and every version is kept in `history`.',
  })
  version!: number;

  @Field({ description: 'The month the story is about.' })
  period!: string;
}
