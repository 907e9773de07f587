import { Field, ObjectType } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { ReviewActionEntity } from '../../server/storage/db/entities/review-action.entity';
import type { ReviewStep } from '../../server/engine/review/review-steps';
import { ReviewStepEnum } from '../enums';
import { OrgUnit } from '../org-unit/org-unit.type';
import { ReflectStep } from './reflect-step.type';
import { ReportStep } from './report-step.type';
import { ReviewAction } from './review-action.type';
import { ReviewRefresh } from './review-refresh.type';
import { ReviewSignOff } from './review-sign-off.type';

@ObjectType('ReviewCycle', {
  description:
    "A unit's governance cycle for one month: Report → Reflect → Review → Rethink → Refresh, each step in turn.",
})
export class ReviewCycle {
  @Field(() => OrgUnit)
  orgUnit!: OrgUnitEntity;

  @Field({ description: 'The month, e.g. 2026-10.' })
  period!: string;

  @Field(() => ReviewStepEnum, {
    description:
      'The first step not yet done; COMPLETE when all are. Once signed off, the cycle stays past REPORT and REFLECT.',
  })
  step!: ReviewStep;

  @Field(() => ReportStep)
  report!: ReportStep;

  @Field(() => ReflectStep)
  reflect!: ReflectStep;

  @Field(() => ReviewSignOff, { nullable: true, description: 'Null until signed off.' })
  review!: ReviewSignOff | null;

  @Field(() => [ReviewAction], { description: 'RETHINK: the actions agreed, oldest first.' })
  actions!: ReviewActionEntity[];

  @Field(() => ReviewRefresh, { nullable: true, description: 'Null until refreshed.' })
  refresh!: ReviewRefresh | null;
}
