import { Field, InputType } from 'type-graphql';
import { InputValueInput } from '../observation/input-value.input';

@InputType('ImportRowInput', {
  description: 'One month of one KPI for one unit, as submitObservation takes it.',
})
export class ImportRowInput {
  @Field({ description: 'The KPI key.' })
  kpi!: string;

  @Field({ description: "The code of a unit at the KPI's collecting level." })
  orgUnit!: string;

  @Field({ description: 'A month, e.g. 2026-10; not in the future.' })
  period!: string;

  @Field(() => [InputValueInput], { description: 'Every input the KPI declares, and no other.' })
  values!: InputValueInput[];
}

@InputType('ImportObservationsInput')
export class ImportObservationsInput {
  @Field(() => [ImportRowInput], {
    description: 'At most 5,000 rows; a larger load goes as a CSV or JSON Lines body to POST /import.',
  })
  rows!: ImportRowInput[];

  @Field({ defaultValue: false, description: 'Check and count every row, then write nothing.' })
  dryRun!: boolean;
}
