import { Field, InputType } from 'type-graphql';
import type { OrgLevel } from '../../server/engine/kpi/vocabulary';
import { OrgLevelEnum } from '../enums';

@InputType('CreateOrgUnitInput')
export class CreateOrgUnitInput {
  @Field({ description: 'Unique code: upper-case letters and digits, joined by hyphens.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => OrgLevelEnum)
  level!: OrgLevel;

  @Field(() => String, {
    nullable: true,
    description: 'The parent, of a higher level; only SYSTEM and ORGANISATION units may have none.',
  })
  parentCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Lower-case tags such as inpatient or community.' })
  tags?: string[] | null;
}
