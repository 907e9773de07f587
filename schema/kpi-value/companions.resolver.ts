import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { belowFloor, evaluateCompanions } from '../../server/engine/kpi/companions';
import type { Context } from '../context';
import { calculationFailed } from '../kpi/calculation-failed';
import { CompanionValue } from './companion-value.type';
import { KpiValue } from './kpi-value.type';
import { sumsOf } from './kpi-value.resolver';

@Resolver(() => KpiValue)
export class KpiValueCompanionsResolver {
  @FieldResolver(() => [CompanionValue], {
    description:
      "The KPI's companions at this unit and period, calculated from the same rolled-up sums as the value; empty when the plugin declares none.",
  })
  async companions(@Root() source: KpiValue, @Ctx() context: Context): Promise<CompanionValue[]> {
    if (!source.kpi.companions) return [];
    const sums = await sumsOf(source, context);
    return evaluateCompanions(source.kpi, sums).map(
      (companion) => new CompanionValue(source.kpi.key, companion),
    );
  }
}

@Resolver(() => CompanionValue)
export class CompanionValueResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Null when there is no data or the companion is undefined (e.g. a zero denominator).',
  })
  value(@Root() companion: CompanionValue): number | null {
    if (companion.evaluation.error) throw calculationFailed(companion.kpiKey, companion.evaluation.error);
    return companion.evaluation.value;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'True when the companion is under its floor: the headline may meet its tier while missing the point. Null without a value or a floor.',
  })
  belowFloor(@Root() companion: CompanionValue): boolean | null {
    return belowFloor(companion.evaluation);
  }
}
