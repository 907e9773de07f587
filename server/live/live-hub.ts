import { Repeater } from './repeater';
import type { RepeaterType } from './repeater';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../db/entities/org-unit.entity';
import type { KpiDefinition } from '../kpi/define-kpi';
import type { Evaluation, KpiRegistry } from '../kpi/kpi-registry';
import type { RollupState } from '../kpi/rollups';
import type { Tier } from '../kpi/vocabulary';
import { countUnitsBelow, expectedReporters } from '../org/unit-counts';
import type { UnitCount } from '../org/unit-counts';
import { readChange } from './kpi-change';
import type { KpiChange } from './kpi-change';

/** A KPI's new value at one unit, computed once however many subscribers receive it. */
export interface ValueChange {
  kpi: KpiDefinition;
  unit: OrgUnitEntity;
  period: string;
  inputs: Record<string, number> | null;
  evaluation: Evaluation;
  reporting: number;
  expected: number;
}

export interface TierChange {
  kpi: KpiDefinition;
  unit: OrgUnitEntity;
  period: string;
  from: Tier | null;
  to: Tier | null;
}

interface ValueSubscriber {
  unitId: number;
  kpis: ReadonlySet<string> | null;
  period: string | null;
  push: (change: ValueChange) => Promise<unknown>;
}

interface TierSubscriber {
  unitId: number;
  descendants: boolean;
  push: (change: TierChange) => Promise<unknown>;
}

/**
 * A subscriber this many events behind is cut off rather than queued for without bound: graphql-ws sends
 * the next event only once the last has left, so a client that stops reading stops taking events here.
 */
const MAX_PENDING_EVENTS = 100;

/**
 * Fans committed changes out to this instance's subscribers. Changes arrive (by id, from any instance)
 * in commit order and are handled one at a time, so a subscriber never sees an older value after a newer.
 */
export class LiveHub {
  private readonly valueSubscribers = new Map<number, Set<ValueSubscriber>>();
  private readonly tierSubscribers = new Set<TierSubscriber>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly registry: KpiRegistry,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Called with the id of each committed change, from this or any other instance. */
  receive(changeId: number): void {
    this.queue = this.queue.then(() => this.deliver(changeId)).catch(this.onError);
  }

  values(unitId: number, kpis: readonly string[] | null, period: string | null): RepeaterType<ValueChange> {
    return new Repeater<ValueChange>(async (push, stop) => {
      const subscriber: ValueSubscriber = {
        unitId,
        kpis: kpis && new Set(kpis),
        period,
        push: guarded(push, stop),
      };
      const forUnit = this.valueSubscribers.get(unitId) ?? new Set();
      this.valueSubscribers.set(unitId, forUnit.add(subscriber));
      await stop;
      forUnit.delete(subscriber);
      if (forUnit.size === 0) this.valueSubscribers.delete(unitId);
    });
  }

  tiers(unitId: number, descendants: boolean): RepeaterType<TierChange> {
    return new Repeater<TierChange>(async (push, stop) => {
      const subscriber: TierSubscriber = { unitId, descendants, push: guarded(push, stop) };
      this.tierSubscribers.add(subscriber);
      await stop;
      this.tierSubscribers.delete(subscriber);
    });
  }

  get subscriberCount(): number {
    let count = this.tierSubscribers.size;
    for (const subscribers of this.valueSubscribers.values()) count += subscribers.size;
    return count;
  }

  private async deliver(changeId: number): Promise<void> {
    if (this.valueSubscribers.size === 0 && this.tierSubscribers.size === 0) return;
    const em = this.orm.em.fork();
    const change = await readChange(em, changeId);
    const kpi = change && this.registry.get(change.kpiKey);
    if (!change || !kpi) return;

    const unitIds = change.units.map((unit) => unit.unitId);
    const units = new Map(
      (await em.find(OrgUnitEntity, { id: { $in: unitIds } })).map((unit) => [unit.id, unit] as const),
    );
    const watched = unitIds.filter((unitId) => this.valueSubscribers.has(unitId));
    const counts = watched.length > 0 ? await countUnitsBelow(em, watched) : new Map<number, UnitCount[]>();
    for (const [position, { unitId, before, after }] of change.units.entries()) {
      const unit = units.get(unitId);
      if (!unit) continue;
      const evaluation = this.evaluate(kpi, after);
      const valueSubscribers = [...(this.valueSubscribers.get(unitId) ?? [])].filter(
        (subscriber) =>
          (!subscriber.kpis || subscriber.kpis.has(kpi.key)) &&
          (!subscriber.period || subscriber.period === change.period),
      );
      if (valueSubscribers.length > 0) {
        const value: ValueChange = {
          kpi,
          unit,
          period: change.period,
          inputs: after.reporting > 0 ? after.sums : null,
          evaluation,
          reporting: after.reporting,
          expected: expectedReporters(kpi, counts.get(unitId) ?? []),
        };
        await Promise.all(valueSubscribers.map((subscriber) => subscriber.push(value)));
      }

      const from = this.evaluate(kpi, before).tier;
      if (from === evaluation.tier) continue;
      const above = new Set(unitIds.slice(0, position));
      const tierSubscribers = [...this.tierSubscribers].filter(
        (subscriber) =>
          subscriber.unitId === unitId || (subscriber.descendants && above.has(subscriber.unitId)),
      );
      const tierChange: TierChange = { kpi, unit, period: change.period, from, to: evaluation.tier };
      await Promise.all(tierSubscribers.map((subscriber) => subscriber.push(tierChange)));
    }
  }

  private evaluate(kpi: KpiDefinition, state: RollupState): Evaluation {
    return this.registry.evaluateSums(kpi, state.reporting > 0 ? state.sums : null);
  }
}

/** A push that never blocks delivery to others, and ends a subscription that has fallen too far behind. */
function guarded<T>(push: (value: T) => Promise<unknown>, stop: (reason?: unknown) => void) {
  let pending = 0;
  return async (value: T) => {
    if (pending >= MAX_PENDING_EVENTS) {
      stop(new Error('This subscriber fell too far behind and was cut off; resubscribe with initial: true'));
      return;
    }
    pending++;
    void push(value).finally(() => pending--);
  };
}

export type { KpiChange };
