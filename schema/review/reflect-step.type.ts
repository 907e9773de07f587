import { Field, ObjectType } from 'type-graphql';
import { KpiValue } from '../kpi-value/kpi-value.type';

@ObjectType('ReflectStep', {
  description:
    'REFLECT: every KPI whose month is below Essential or a special cause on its SPC chart has a story about it, on the unit or a unit below it.',
})
export class ReflectStep {
  @Field({ description: 'True when needingStory is empty.' })
  complete!: boolean;

  @Field(() => [KpiValue], { description: 'The KPIs that call for a story and have none yet, in KPI order.' })
  needingStory!: KpiValue[];

  @Field(() => [KpiValue], { description: 'The KPIs that call for a story and have one, in KPI order.' })
  reflected!: KpiValue[];
}
