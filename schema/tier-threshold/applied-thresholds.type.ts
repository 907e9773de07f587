import { Field, ObjectType } from 'type-graphql';
import type { TierThresholdSettingEntity } from '../../server/storage/db/entities/tier-threshold-setting.entity';
import type { ThresholdSource } from '../../server/engine/kpi/applied-thresholds';
import { ThresholdSourceEnum } from '../enums';
import { TierThresholds } from '../kpi/kpi.type';
import { TierThresholdSetting } from './tier-threshold-setting.type';

@ObjectType('AppliedThresholds', { description: "The tier thresholds a value's tier was classified with." })
export class AppliedThresholds extends TierThresholds {
  @Field(() => ThresholdSourceEnum)
  source!: ThresholdSource;

  @Field(() => TierThresholdSetting, {
    nullable: true,
    description:
      "The local setting that applied, on this unit or the nearest unit above it that has one; null when the plugin's tiers applied.",
  })
  setting!: TierThresholdSettingEntity | null;
}
