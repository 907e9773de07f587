import { Field, Float, InputType } from 'type-graphql';

@InputType('SetTierThresholdsInput')
export class SetTierThresholdsInput {
  @Field({ description: 'The KPI key.' })
  kpi!: string;

  @Field({
    description:
      'The code of the unit; the thresholds apply to it and to every unit below it without its own.',
  })
  orgUnit!: string;

  @Field(() => Float)
  essential!: number;

  @Field(() => Float, { description: "Strictly better than essential in the KPI's direction." })
  desirable!: number;

  @Field(() => Float, { description: 'Strictly better than desirable.' })
  aspirational!: number;

  @Field(() => Float, { description: 'Strictly better than aspirational.' })
  breakthrough!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The first month they apply to, e.g. 2026-04; the current month when absent.',
  })
  fromPeriod?: string | null;

  @Field(() => String, { nullable: true, description: 'Why, for the history; at most 2,000 characters.' })
  reason?: string | null;
}
