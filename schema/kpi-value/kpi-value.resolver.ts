import { Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { currentMonth } from '../../server/engine/kpi/period';
import type { Tier } from '../../server/engine/kpi/vocabulary';
import type { Context } from '../context';
import { TierEnum } from '../enums';
import { calculationFailed } from '../kpi/calculation-failed';
import { Kpi } from '../kpi/kpi.type';
import { OrgUnit } from '../org-unit/org-unit.type';
import { expectedReporters } from '../../server/storage/org/unit-counts';
import { InputValue } from './input-value.type';
import { KpiValue } from './kpi-value.type';

function evaluate(source: KpiValue, context: Context) {
  const { loaders, registry } = context;
  source.evaluation ??= (async () => {
    const [rollup, thresholds] = await Promise.all([
      loaders.kpiValues.rollups.load({
        unitId: source.unit.id,
        kpiKey: source.kpi.key,
        months: source.periodOf.months,
      }),
      // A quarter or a year is held to the thresholds in effect in its last month.
      loaders.tierThresholds.applied.load({
        unit: source.unit,
        kpi: source.kpi,
        month: source.periodOf.months.at(-1)!,
      }),
    ]);
    await context.pace();
    const sums = rollup?.sums ?? null;
    return {
      inputs: sums,
      result: registry.evaluateSums(source.kpi, sums, thresholds.thresholds),
      thresholds,
    };
  })();
  return source.evaluation;
}

/** The rolled-up input sums behind a value, read once however many of its fields need them. */
export async function sumsOf(source: KpiValue, context: Context) {
  return (await evaluate(source, context)).inputs;
}

/** The tier thresholds that apply to a value: the ones its tier was classified with. */
export async function thresholdsOf(source: KpiValue, context: Context) {
  return (await evaluate(source, context)).thresholds;
}

@Resolver(() => KpiValue)
export class KpiValueResolver {
  @FieldResolver(() => Kpi)
  kpi(@Root() source: KpiValue): KpiDefinition {
    return source.kpi;
  }

  @FieldResolver(() => OrgUnit)
  orgUnit(@Root() source: KpiValue): OrgUnitEntity {
    return source.unit;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Null when there is no data or the value is undefined (e.g. a zero denominator).',
  })
  async value(@Root() source: KpiValue, @Ctx() context: Context): Promise<number | null> {
    const { result } = await evaluate(source, context);
    if (result.error) {
      throw calculationFailed(source.kpi.key, result.error);
    }
    return result.value;
  }

  @FieldResolver(() => TierEnum, { nullable: true, description: 'Null when the value is null.' })
  async tier(@Root() source: KpiValue, @Ctx() context: Context): Promise<Tier | null> {
    return (await evaluate(source, context)).result.tier;
  }

  @FieldResolver(() => [InputValue], {
    description: 'The rolled-up input sums behind the value, in the order the KPI declares them.',
  })
  async inputs(@Root() source: KpiValue, @Ctx() context: Context): Promise<InputValue[]> {
    const { inputs } = await evaluate(source, context);
    if (!inputs) return [];
    return Object.keys(source.kpi.inputs)
      .filter((name) => Object.hasOwn(inputs, name))
      .map((name) => ({ name, value: inputs[name]! }));
  }

  @FieldResolver(() => Int, {
    description:
      'Collecting units under this one that submitted for the period; for a longer period, those that submitted for every month of it so far.',
  })
  async reporting(@Root() source: KpiValue, @Ctx() context: Context): Promise<number> {
    const { loaders, now } = context;
    const { kpi, unit, periodOf } = source;
    if (source.known) return source.known.reporting;
    let reporting = 0;
    if (periodOf.kind === 'MONTH') {
      const rollup = await loaders.kpiValues.rollups.load({
        unitId: unit.id,
        kpiKey: kpi.key,
        months: periodOf.months,
      });
      reporting = rollup?.reporting ?? 0;
    } else {
      const lastMonthSoFar = periodOf.months.filter((month) => month <= currentMonth(now())).at(-1);
      if (lastMonthSoFar !== undefined) {
        reporting = await loaders.kpiValues.reportingToDate.load({
          unitId: unit.id,
          kpiKey: kpi.key,
          kind: periodOf.kind,
          month: lastMonthSoFar,
        });
      }
    }
    // After the reads, so that every value's reads still go in one batch.
    await context.pace();
    return reporting;
  }

  @FieldResolver(() => Int, {
    description: 'Collecting units under this one (this one included) that the KPI applies to.',
  })
  async expected(@Root() source: KpiValue, @Ctx() context: Context): Promise<number> {
    if (source.known) return source.known.expected;
    const counts = await context.loaders.orgUnits.unitCounts.load(source.unit.id);
    await context.pace();
    return expectedReporters(source.kpi, counts);
  }
}
