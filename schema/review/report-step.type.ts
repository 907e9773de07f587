import { Field, Int, ObjectType } from 'type-graphql';
import { KpiValue } from '../kpi-value/kpi-value.type';

@ObjectType('ReportStep', {
  description:
    'REPORT: every observation expected for the month is in. Counted in observations: one KPI from one collecting unit.',
})
export class ReportStep {
  @Field()
  complete!: boolean;

  @Field(() => Int, {
    description:
      'The sum of `expected` over the KPIs that apply at the unit: one per KPI and collecting unit.',
  })
  expected!: number;

  @Field(() => Int, { description: 'How many of those are in: the sum of `reporting`.' })
  received!: number;

  @Field(() => [KpiValue], { description: 'The KPIs whose `reporting` is below `expected`, in KPI order.' })
  incomplete!: KpiValue[];
}
