import { Field, Float, InputType } from 'type-graphql';

@InputType('InputValueInput')
export class InputValueInput {
  @Field({ description: "The name of one of the KPI's inputs." })
  name!: string;

  @Field(() => Float)
  value!: number;
}
