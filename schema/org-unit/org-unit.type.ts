import { Field, ID, ObjectType } from 'type-graphql';
import type { OrgLevel } from '../../server/engine/kpi/vocabulary';
import { OrgLevelEnum } from '../enums';

@ObjectType('OrgUnit', {
  description: 'A node of the organisation tree, from an individual to the whole system.',
})
export class OrgUnit {
  @Field(() => ID)
  id!: number;

  @Field({ description: 'Unique, stable, ODS-style code.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => OrgLevelEnum)
  level!: OrgLevel;

  @Field(() => [String], {
    description: 'What kind of unit it is (e.g. inpatient, community); KPIs may apply to some tags only.',
  })
  tags!: string[];
}
