import { Field, ObjectType } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import type { Tier } from '../../server/engine/kpi/vocabulary';
import { TierEnum } from '../enums';
import { Kpi } from '../kpi/kpi.type';
import { OrgUnit } from '../org-unit/org-unit.type';

@ObjectType('TierChange', { description: "A KPI value's tier changed at a unit: what a board alerts on." })
export class TierChange {
  @Field(() => Kpi)
  kpi!: KpiDefinition;

  @Field(() => OrgUnit)
  orgUnit!: OrgUnitEntity;

  @Field({ description: 'The month the change belongs to.' })
  period!: string;

  @Field(() => TierEnum, { nullable: true, description: 'Null when there was no value before.' })
  from!: Tier | null;

  @Field(() => TierEnum, { nullable: true, description: 'Null when there is no value now.' })
  to!: Tier | null;
}
