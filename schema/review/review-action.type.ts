import { Field, ID, ObjectType } from 'type-graphql';
import type { ReviewActionStatus } from '../../server/engine/review/review-action-statuses';
import { ReviewActionStatusEnum } from '../enums';

@ObjectType('ReviewAction', { description: 'RETHINK: an action agreed at a review.' })
export class ReviewAction {
  @Field(() => ID)
  id!: number;

  @Field()
  text!: string;

  @Field({ description: 'Who will do it: a name or a role.' })
  owner!: string;

  @Field({ description: 'The month it is due by.' })
  duePeriod!: string;

  @Field(() => ReviewActionStatusEnum)
  status!: ReviewActionStatus;

  @Field({ description: 'The `sub` of the token that added it.' })
  createdBy!: string;
}
