import { Field, ObjectType } from 'type-graphql';
import type { TierThresholdSettingEntity } from '../../server/storage/db/entities/tier-threshold-setting.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { Kpi } from '../kpi/kpi.type';
import { TierThresholdSetting } from '../tier-threshold/tier-threshold-setting.type';

@ObjectType('ReviewRefresh', { description: 'REFRESH: what the unit carries into the next month.' })
export class ReviewRefresh {
  @Field()
  note!: string;

  @Field(() => [Kpi], { description: 'The KPIs the unit will watch most closely next month.' })
  focusKpis!: KpiDefinition[];

  @Field({ description: 'The `sub` of the token that refreshed it.' })
  refreshedBy!: string;

  @Field({ description: 'When (ISO 8601).' })
  refreshedAt!: string;

  @Field(() => [TierThresholdSetting], {
    description:
      'The tier threshold settings recorded on this unit that take effect in the next month, in the order recorded.',
  })
  thresholdChanges!: TierThresholdSettingEntity[];
}
