import { Field, Float, ObjectType } from 'type-graphql';
import type { Direction, Domain, OrgLevel } from '../../server/engine/kpi/vocabulary';
import { DirectionEnum, DomainEnum, OrgLevelEnum } from '../enums';

@ObjectType('KpiInput', { description: 'One additive quantity a KPI is computed from.' })
export class KpiInput {
  @Field()
  name!: string;

  @Field()
  label!: string;

  @Field({ description: '`count` (a non-negative whole number) or `amount` (a non-negative decimal).' })
  kind!: string;
}

@ObjectType('KpiCompanion', {
  description:
    'A derived ratio a KPI carries beside its value, saying whether the headline means what it seems.',
})
export class KpiCompanion {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field()
  unit!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'The least it should be; null when the plugin sets none.',
  })
  floor!: number | null;
}

@ObjectType('TierThresholds', { description: 'The value each ambition tier starts at.' })
export class TierThresholds {
  @Field(() => Float)
  essential!: number;

  @Field(() => Float)
  desirable!: number;

  @Field(() => Float)
  aspirational!: number;

  @Field(() => Float)
  breakthrough!: number;
}

@ObjectType('Kpi', { description: 'A KPI plugin: its inputs, calculation, direction and tier thresholds.' })
export class Kpi {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field(() => DomainEnum)
  domain!: Domain;

  @Field({ description: 'How the value reads, e.g. PERCENT or PER_1000_OCCUPIED_BED_DAYS.' })
  unit!: string;

  @Field(() => DirectionEnum)
  direction!: Direction;

  @Field(() => OrgLevelEnum, { description: 'The one level at which observations are submitted.' })
  collectedAt!: OrgLevel;

  @Field(() => TierThresholds, {
    description: "The plugin's thresholds: the defaults, which a unit may override (setTierThresholds).",
  })
  tiers!: TierThresholds;

  @Field({ description: 'Why the KPI matters, in a sentence or two.' })
  why!: string;

  @Field(() => [String], { description: 'Questions a team answers when it reflects on the number.' })
  prompts!: string[];
}
