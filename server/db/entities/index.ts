import { KpiChangeEntity } from './kpi-change.entity';
import { ObservationEntity } from './observation.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { RollupEntity } from './rollup.entity';

export const ENTITIES = [OrgUnitEntity, ObservationEntity, RollupEntity, KpiChangeEntity];
