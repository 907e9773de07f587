import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { thresholdsOf } from '../kpi-value/kpi-value.resolver';
import { KpiValue } from '../kpi-value/kpi-value.type';
import { AppliedThresholds } from './applied-thresholds.type';

@Resolver(() => KpiValue)
export class KpiValueThresholdsResolver {
  @FieldResolver(() => AppliedThresholds, {
    description:
      "The tier thresholds `tier` was classified with: the unit's own, the nearest unit above it with its own, or the plugin's. For a longer period, those in effect in its last month.",
  })
  async thresholds(@Root() source: KpiValue, @Ctx() context: Context): Promise<AppliedThresholds> {
    const { thresholds, source: from, setting } = await thresholdsOf(source, context);
    return { ...thresholds, source: from, setting };
  }
}
