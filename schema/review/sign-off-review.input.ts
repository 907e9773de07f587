import { Field, InputType } from 'type-graphql';

@InputType('SignOffReviewInput')
export class SignOffReviewInput {
  @Field({ description: 'The code of the unit whose month is reviewed.' })
  orgUnit!: string;

  @Field({ description: 'The month, e.g. 2026-10; not in the future.' })
  period!: string;

  @Field({ description: 'What the review concluded; at most 4,000 characters.' })
  comment!: string;
}
