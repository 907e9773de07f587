import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ImportProblem', { description: 'Why one row was refused.' })
export class ImportProblem {
  @Field(() => Int, { description: "The row's position in `rows`, from 1 (in a file, its line)." })
  line!: number;

  @Field({
    description:
      "kpi, orgUnit, period, values.<input>, values (the KPI's own rule), or row for a row that cannot be read at all.",
  })
  field!: string;

  @Field({ description: 'As in errors: BAD_USER_INPUT, FORBIDDEN or UNAUTHENTICATED.' })
  code!: string;

  @Field()
  message!: string;
}

@ObjectType('ImportReport', {
  description: 'What an import did, all or nothing: with any problem, or on a dry run, nothing was written.',
})
export class ImportReport {
  @Field()
  dryRun!: boolean;

  @Field({ description: 'Whether the rows were stored.' })
  committed!: boolean;

  @Field(() => Int)
  rows!: number;

  @Field(() => Int, { description: 'Months stored for the first time.' })
  created!: number;

  @Field(() => Int, { description: 'Months already stored with other values: each is a new version.' })
  corrected!: number;

  @Field(() => Int, { description: 'Months already stored with exactly these values: nothing is written.' })
  unchanged!: number;

  @Field(() => Int, { description: 'KPI values that moved at every level above the rows.' })
  valuesChanged!: number;

  @Field(() => Int, { description: 'Refused rows: with any, nothing was written.' })
  problemCount!: number;

  @Field(() => [ImportProblem], { description: 'Every refused row, by line.' })
  problems!: ImportProblem[];

  @Field({ description: 'One sentence saying what happened.' })
  summary!: string;
}
