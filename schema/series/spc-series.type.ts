import { Field, Float, ObjectType } from 'type-graphql';
import type { Assurance, PointType, SpcRule } from '../../server/engine/kpi/spc';
import { AssuranceEnum, PointTypeEnum, SpcRuleEnum, VariationEnum } from '../enums';

@ObjectType('SpcPoint', { description: 'One month of a statistical process control chart.' })
export class SpcPoint {
  @Field()
  period!: string;

  @Field(() => Float, { nullable: true, description: 'Null when there was no value that month.' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'The mean of the limits this point is read against.' })
  mean!: number | null;

  @Field(() => Float, { nullable: true })
  upperProcessLimit!: number | null;

  @Field(() => Float, { nullable: true })
  lowerProcessLimit!: number | null;

  @Field({ description: 'True when any rule flags this point.' })
  specialCause!: boolean;

  @Field(() => [SpcRuleEnum])
  rules!: SpcRule[];

  @Field(() => PointTypeEnum, { nullable: true, description: 'Null when there was no value that month.' })
  pointType!: PointType | null;

  @Field(() => Float, {
    description:
      "The Essential threshold that applied this month, local or the plugin's: the target line a chart draws.",
  })
  essential!: number;
}

@ObjectType('SpcSeries', {
  description:
    "A KPI's monthly values at a unit as an XmR chart (NHS England's Making Data Count): what is signal and what is noise.",
})
export class SpcSeries {
  @Field(() => [SpcPoint])
  points!: SpcPoint[];

  @Field(() => Float, { nullable: true, description: 'Of the latest limits; null with too few values.' })
  mean!: number | null;

  @Field(() => Float, { nullable: true })
  upperProcessLimit!: number | null;

  @Field(() => Float, { nullable: true })
  lowerProcessLimit!: number | null;

  @Field(() => VariationEnum, { nullable: true, description: "The last point's type; null without values." })
  variation!: PointType | null;

  @Field(() => AssuranceEnum, { nullable: true, description: 'Null when there are no limits yet.' })
  assurance!: Assurance | null;

  @Field({ description: 'True when the limits rest on fewer than 12 points: read them as provisional.' })
  trialLimits!: boolean;
}
