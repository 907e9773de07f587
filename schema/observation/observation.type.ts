import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Observation', { description: 'One version of the input values for one KPI, unit and month.' })
export class Observation {
  @Field(() => ID)
  id!: number;

  @Field({ description: 'The month.' })
  period!: string;

  @Field(() => Int, { description: 'Starts at 1; each correction adds one, and every version is kept.' })
  version!: number;

  @Field()
  submittedBy!: string;
}
