import { Field, Float, ObjectType } from 'type-graphql';
import type { CompanionEvaluation } from '../../server/engine/kpi/companions';

@ObjectType('CompanionValue', {
  description:
    'A qualitative companion of a value: a derived ratio, rolled up like the value, that says whether the headline means what it seems.',
})
export class CompanionValue {
  constructor(
    readonly kpiKey: string,
    readonly evaluation: CompanionEvaluation,
  ) {}

  @Field({ description: "The companion's name in the plugin, e.g. assessedShare." })
  get key(): string {
    return this.evaluation.key;
  }

  @Field()
  get label(): string {
    return this.evaluation.label;
  }

  @Field({ description: 'How the companion reads, e.g. PERCENT.' })
  get unit(): string {
    return this.evaluation.unit;
  }

  @Field(() => Float, {
    nullable: true,
    description:
      'The least the companion should be for the headline to be taken at its word; null when the plugin sets none.',
  })
  get floor(): number | null {
    return this.evaluation.floor;
  }
}
