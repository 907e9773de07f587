import { Field, InputType } from 'type-graphql';

@InputType('RefreshReviewInput')
export class RefreshReviewInput {
  @Field({ description: 'The code of the unit whose cycle is refreshed.' })
  orgUnit!: string;

  @Field({ description: 'The month of the cycle, e.g. 2026-10.' })
  period!: string;

  @Field({ description: 'What the unit carries into the next month; at most 4,000 characters.' })
  note!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Keys of the KPIs to watch most closely next month.',
  })
  focusKpis?: string[] | null;
}
