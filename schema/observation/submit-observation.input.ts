import { Field, InputType, Int } from 'type-graphql';
import { InputValueInput } from './input-value.input';

@InputType('SubmitObservationInput')
export class SubmitObservationInput {
  @Field({ description: 'The KPI key.' })
  kpi!: string;

  @Field({ description: "The code of a unit at the KPI's collecting level." })
  orgUnit!: string;

  @Field({ description: 'A month, e.g. 2026-10; not in the future.' })
  period!: string;

  @Field(() => [InputValueInput], { description: 'Every input the KPI declares, and no other.' })
  values!: InputValueInput[];

  @Field(() => String, {
    nullable: true,
    description:
      'Send the same key again (e.g. after a timeout) to get the first result back without writing twice.',
  })
  idempotencyKey?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version being corrected (0 for none); a submission that has been overtaken is a CONFLICT.',
  })
  expectedVersion?: number | null;
}
