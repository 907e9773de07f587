import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import { badUserInput } from '../../server/errors';
import type { TierChange as TierChangeEvent, ValueChange } from '../../server/live/live-hub';
import { Repeater } from '../../server/live/repeater';
import { currentMonth, parsePeriod } from '../../server/kpi/period';
import type { Context } from '../context';
import { KpiValue } from '../kpi-value/kpi-value.type';
import { monthInput } from '../../server/kpi/period-input';
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

async function subscribedUnit(code: string, { loaders, access }: Context): Promise<OrgUnitEntity> {
  const unit = await loaders.orgUnits.byCode.load(code);
  if (!unit) throw badUserInput('orgUnit', `there is no org unit "${code}"`);
  await access.require('VIEWER', unit, `Watching ${unit.code}`);
  return unit;
}

/** A live value as a KpiValue whose fields read what was computed once for every subscriber. */
function asKpiValue(change: ValueChange): KpiValue {
  const value = new KpiValue(change.kpi, change.unit, parsePeriod(change.period));
  value.evaluation = Promise.resolve({ inputs: change.inputs, result: change.evaluation });
  value.known = { reporting: change.reporting, expected: change.expected };
  return value;
}

async function subscribeToValues({ args, context }: SubscribeResolverData<unknown, ValueArgs, Context>) {
  const unit = await subscribedUnit(args.orgUnit, context);
  const kpis = args.kpis?.length ? args.kpis : null;
  const unknown = kpis?.find((key) => !context.registry.get(key));
  if (unknown) throw badUserInput('kpis', `there is no KPI "${unknown}"`);
  const period = args.period ? monthInput(args.period, 'live values') : null;

  const changes = context.live.values(unit.id, kpis, period?.label ?? null);
  const initialPeriod = period ?? parsePeriod(currentMonth(context.now()));
  const current = args.initial
    ? context.registry
        .all()
        .filter((kpi) => !kpis || kpis.includes(kpi.key))
        .map((kpi) => new KpiValue(kpi, unit, initialPeriod))
    : [];
  return relay(current, changes, asKpiValue, context);
}

async function subscribeToTiers({ args, context }: SubscribeResolverData<unknown, TierArgs, Context>) {
  const unit = await subscribedUnit(args.orgUnit, context);
  const toTierChange = (change: TierChangeEvent) =>
    Object.assign(new TierChange(), { ...change, orgUnit: change.unit });
  return relay([], context.live.tiers(unit.id, args.descendants ?? false), toTierChange, context);
}

/**
 * Sends `first`, then each change that falls within the subscriber's units, shaped for the schema.
 * Ending the subscription ends the hub's stream; the hub ending it (a subscriber too far behind) ends this.
 */
function relay<T extends { unit: OrgUnitEntity }, U>(
  first: readonly U[],
  changes: AsyncIterable<T>,
  shape: (change: T) => U,
  context: Context,
): AsyncIterable<U> {
  return new Repeater<U>(async (push, stop) => {
    const iterator = changes[Symbol.asyncIterator]();
    void stop.then(() => iterator.return?.());
    for (const value of first) await push(value);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (!(await context.access.covers(next.value.unit))) continue;
      context.renew();
      await push(shape(next.value));
    }
    stop();
  });
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
