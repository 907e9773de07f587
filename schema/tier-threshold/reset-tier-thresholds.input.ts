import { Field, InputType } from 'type-graphql';

@InputType('ResetTierThresholdsInput')
export class ResetTierThresholdsInput {
  @Field({ description: 'The KPI key.' })
  kpi!: string;

  @Field({ description: 'The code of the unit that stops overriding.' })
  orgUnit!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The first month the unit uses what applies above it; the current month when absent.',
  })
  fromPeriod?: string | null;

  @Field(() => String, { nullable: true, description: 'Why, for the history; at most 2,000 characters.' })
  reason?: string | null;
}
