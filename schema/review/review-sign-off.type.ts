import { Field, ObjectType } from 'type-graphql';

@ObjectType('ReviewSignOff', {
  description: "REVIEW: a manager above the unit signing off the unit's month.",
})
export class ReviewSignOff {
  @Field({ description: 'The `sub` of the token that signed it off.' })
  signedOffBy!: string;

  @Field({ description: 'When (ISO 8601).' })
  signedOffAt!: string;

  @Field()
  comment!: string;
}
