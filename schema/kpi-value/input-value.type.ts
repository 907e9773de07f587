import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('InputValue', {
  description: 'One named input: as submitted, or summed over a subtree and period.',
})
export class InputValue {
  @Field()
  name!: string;

  @Field(() => Float)
  value!: number;
}
