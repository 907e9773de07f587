import { Field, Int, ObjectType } from 'type-graphql';
import type { StoryKind } from '../../server/engine/story/story-kinds';
import { StoryKindEnum } from '../enums';

@ObjectType('StoryRevision', { description: 'One version of a story, as it was written.' })
export class StoryRevision {
  @Field(() => Int)
  version!: number;

  @Field(() => StoryKindEnum)
  kind!: StoryKind;

  @Field()
  text!: string;

  @Field({ description: 'The `sub` of the token that wrote this version.' })
  editedBy!: string;

  @Field({ description: 'When this version was stored (ISO 8601).' })
  editedAt!: string;
}
