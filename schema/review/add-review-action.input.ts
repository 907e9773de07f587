import { Field, InputType } from 'type-graphql';

@InputType('AddReviewActionInput')
export class AddReviewActionInput {
  @Field({ description: 'The code of the unit whose review agreed the action.' })
  orgUnit!: string;

  @Field({ description: 'The month of the review, e.g. 2026-10.' })
  period!: string;

  @Field({ description: 'What will be done; at most 4,000 characters.' })
  text!: string;

  @Field({ description: 'Who will do it: a name or a role; at most 200 characters.' })
  owner!: string;

  @Field({ description: 'The month it is due by: the review month or later.' })
  duePeriod!: string;
}
