import { KpiChangeEntity } from './kpi-change.entity';
import { ObservationEntity } from './observation.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { ReportedMonthsEntity } from './reported-months.entity';
import { ReviewActionEntity } from './review-action.entity';
import { ReviewCycleEntity } from './review-cycle.entity';
import { RollupEntity } from './rollup.entity';
import { StoryRevisionEntity } from './story-revision.entity';
import { StoryEntity } from './story.entity';
import { SubtreeUnitCountEntity } from './subtree-unit-count.entity';
import { TierThresholdSettingEntity } from './tier-threshold-setting.entity';

export const ENTITIES = [
  OrgUnitEntity,
  ObservationEntity,
  RollupEntity,
  KpiChangeEntity,
  StoryEntity,
  StoryRevisionEntity,
  TierThresholdSettingEntity,
  ReviewCycleEntity,
  ReviewActionEntity,
  SubtreeUnitCountEntity,
  ReportedMonthsEntity,
];
