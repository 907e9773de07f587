import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { TierChange as TierChangeEvent, ValueChange } from '../../server/storage/live/live-hub';
import { currentMonth, parsePeriod } from '../../server/engine/kpi/period';
import type { Context } from '../context';
import { KpiValue } from '../kpi-value/kpi-value.type';
import { monthInput } from '../../server/engine/kpi/period-input';
import { relay, subscribedUnit } from './relay';
import { TierChange } from './tier-change.type';

interface ValueArgs {
  orgUnit: string;
  kpis?: string[] | null;
  initial?: boolean | null;
  period?: string | null;
}

interface TierArgs {
  orgUnit: string;
  descendants?: boolean | null;
}

/**
 * Shapes each change once for all its subscribers: the same object reaches every subscription, so an
 * execution of the selection set can be shared between them (see server/transport/shared-execution.ts).
 */
function shapedOnce<T extends object, U>(shape: (change: T) => U): (change: T) => U {
  const shaped = new WeakMap<T, U>();
  return (change) => {
    if (!shaped.has(change)) shaped.set(change, shape(change));
    return shaped.get(change)!;
  };
}

/** A live value as a KpiValue whose fields read what was computed once for every subscriber. */
const asKpiValue = shapedOnce((change: ValueChange): KpiValue => {
  const value = new KpiValue(change.kpi, change.unit, parsePeriod(change.period));
  value.evaluation = Promise.resolve({
    inputs: change.inputs,
    result: change.evaluation,
    thresholds: change.thresholds,
  });
  value.known = { reporting: change.reporting, expected: change.expected };
  return value;
});

const asTierChange = shapedOnce((change: TierChangeEvent): TierChange =>
  Object.assign(new TierChange(), { ...change, orgUnit: change.unit }),
);

async function subscribeToValues({ args, context }: SubscribeResolverData<unknown, ValueArgs, Context>) {
  const unit = await subscribedUnit(args.orgUnit, context);
  const kpis = args.kpis?.length ? args.kpis : null;
  for (const key of kpis ?? []) context.registry.named(key, 'kpis');
  const period = args.period ? monthInput(args.period, 'live values') : null;

  const initialPeriod = period ?? parsePeriod(currentMonth(context.now()));
  const current = args.initial
    ? context.registry
        .all()
        .filter((kpi) => !kpis || kpis.includes(kpi.key))
        .map((kpi) => new KpiValue(kpi, unit, initialPeriod))
    : [];
  return relay(
    current,
    (receive) => context.live.values(unit.id, kpis, period?.label ?? null, receive),
    asKpiValue,
    context,
  );
}

async function subscribeToTiers({ args, context }: SubscribeResolverData<unknown, TierArgs, Context>) {
  const unit = await subscribedUnit(args.orgUnit, context);
  return relay(
    [],
    (receive) => context.live.tiers(unit.id, args.descendants ?? false, receive),
    asTierChange,
    context,
  );
}

@Resolver()
export class LiveResolver {
  @Subscription(() => KpiValue, {
    subscribe: subscribeToValues,
    description:
      'Every change to a KPI value at this unit, including changes rolled up from below it: one event per KPI and month a commit moved. With initial: true, the current values (for `period`, else this month) come first.',
  })
  kpiValueChanged(
    @Root() value: KpiValue,
    @Arg('orgUnit') _orgUnit: string,
    @Arg('kpis', () => [String], { nullable: true, description: 'Only these KPIs; all when absent.' })
    _kpis?: string[],
    @Arg('initial', {
      defaultValue: false,
      description: 'Send the current values first, e.g. after a reconnect.',
    })
    _initial?: boolean,
    @Arg('period', () => String, { nullable: true, description: 'Only this month.' }) _period?: string,
  ): KpiValue {
    return value;
  }

  @Subscription(() => TierChange, {
    subscribe: subscribeToTiers,
    description: "A KPI value's tier changed at this unit or, with descendants: true, anywhere below it.",
  })
  tierChanged(
    @Root() change: TierChange,
    @Arg('orgUnit') _orgUnit: string,
    @Arg('descendants', { defaultValue: false }) _descendants?: boolean,
  ): TierChange {
    return change;
  }
}
