import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType('TierThresholdSetting', {
  description:
    "A unit's own tier thresholds for one KPI from one month on, or a reset to what applies above it. Settings are never changed or removed: each is a line of history.",
})
export class TierThresholdSetting {
  @Field(() => ID)
  id!: number;

  @Field(() => Float, { nullable: true, description: 'Null for a reset.' })
  essential!: number | null;

  @Field(() => Float, { nullable: true, description: 'Null for a reset.' })
  desirable!: number | null;

  @Field(() => Float, { nullable: true, description: 'Null for a reset.' })
  aspirational!: number | null;

  @Field(() => Float, { nullable: true, description: 'Null for a reset.' })
  breakthrough!: number | null;

  @Field({
    description: 'True when, from fromPeriod, the unit stops overriding and uses what applies above it.',
  })
  reset!: boolean;

  @Field({ description: 'The first month it applies to, e.g. 2026-04.' })
  fromPeriod!: string;

  @Field({ description: 'The subject of the token that recorded it.' })
  setBy!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}
