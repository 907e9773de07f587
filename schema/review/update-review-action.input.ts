import { Field, ID, InputType } from 'type-graphql';
import type { ReviewActionStatus } from '../../server/engine/review/review-action-statuses';
import { ReviewActionStatusEnum } from '../enums';

@InputType('UpdateReviewActionInput')
export class UpdateReviewActionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewActionStatusEnum)
  status!: ReviewActionStatus;
}
