import type { MikroORM } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../db/entities/org-unit.entity';
import type { TierThresholdSettingEntity } from '../db/entities/tier-threshold-setting.entity';
import type { AppliedThresholds } from '../../engine/kpi/applied-thresholds';
import type { KpiDefinition } from '../../engine/kpi/define-kpi';
import type { Evaluation, KpiRegistry } from '../../engine/kpi/kpi-registry';
import { readAppliedThresholds } from '../kpi/read-applied-thresholds';
import type { RollupState } from '../kpi/rollups';
import type { Tier } from '../../engine/kpi/vocabulary';
import { pathIds } from '../kpi/rollups';
import { countUnitsBelow, expectedReporters } from '../org/unit-counts';
import type { UnitCount } from '../org/unit-counts';
import { readChanges } from './kpi-change';
import { DeliveryQueue } from './delivery-queue';
import type { DeliveryQueueOptions } from './delivery-queue';
import type { KpiChange } from './kpi-change';

/** A KPI's new value at one unit, computed once however many subscribers receive it. */
export interface ValueChange {
  kpi: KpiDefinition;
  unit: OrgUnitEntity;
  period: string;
  inputs: Record<string, number> | null;
  evaluation: Evaluation;
  /** What the evaluation's tier was classified with. */
  thresholds: AppliedThresholds<TierThresholdSettingEntity>;
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

/** What the hub reports as it delivers, for the server's metrics. */
export interface LiveObserver {
  /** Events handed to subscribers' queues, one per subscriber and change. */
  fannedOut(events: number): void;
  /** A change delivered, this long after it was committed. */
  delivered(secondsSinceCommit: number): void;
}

export interface LiveHubOptions extends DeliveryQueueOptions {
  observer?: LiveObserver;
}

/** Takes a subscriber's events without waiting: the subscriber queues them (and bounds its queue). */
export type Receive<T> = (change: T) => void;

interface ValueSubscriber {
  unitId: number;
  kpis: ReadonlySet<string> | null;
  period: string | null;
  receive: Receive<ValueChange>;
}

interface TierSubscriber {
  descendants: boolean;
  receive: Receive<TierChange>;
}

/**
 * Fans committed changes out to this instance's subscribers. Changes arrive (by id, from any instance)
 * in commit order and are delivered in that order, a batch at a time, so a subscriber never sees an older
 * value after a newer.
 */
export class LiveHub {
  private readonly valueSubscribers = new Map<number, Set<ValueSubscriber>>();
  /** By the unit watched: a change at a unit reaches those at the unit and those above it watching descendants. */
  private readonly tierSubscribers = new Map<number, Set<TierSubscriber>>();
  private readonly queue: DeliveryQueue;
  private readonly observer: LiveObserver | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly registry: KpiRegistry,
    onError: (error: unknown, changeIds: readonly number[], givenUp: boolean) => void,
    { observer, ...options }: LiveHubOptions = {},
  ) {
    this.observer = observer;
    this.queue = new DeliveryQueue((changeIds) => this.deliver(changeIds), onError, options);
  }

  /** Called with the id of each committed change, from this or any other instance. */
  receive(changeId: number): void {
    this.queue.add(changeId);
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }

  /** Sends each change of a value at this unit (of these KPIs, in this month) until the returned stop is called. */
  values(
    unitId: number,
    kpis: readonly string[] | null,
    period: string | null,
    receive: Receive<ValueChange>,
  ): () => void {
    const subscriber: ValueSubscriber = { unitId, kpis: kpis && new Set(kpis), period, receive };
    const forUnit = this.valueSubscribers.get(unitId) ?? new Set();
    this.valueSubscribers.set(unitId, forUnit.add(subscriber));
    return () => {
      forUnit.delete(subscriber);
      if (forUnit.size === 0 && this.valueSubscribers.get(unitId) === forUnit)
        this.valueSubscribers.delete(unitId);
    };
  }

  /** Sends each tier change at this unit (or below it) until the returned stop is called. */
  tiers(unitId: number, descendants: boolean, receive: Receive<TierChange>): () => void {
    const subscriber: TierSubscriber = { descendants, receive };
    const forUnit = this.tierSubscribers.get(unitId) ?? new Set();
    this.tierSubscribers.set(unitId, forUnit.add(subscriber));
    return () => {
      forUnit.delete(subscriber);
      if (forUnit.size === 0 && this.tierSubscribers.get(unitId) === forUnit)
        this.tierSubscribers.delete(unitId);
    };
  }

  get subscriberCount(): number {
    let count = 0;
    for (const subscribers of [...this.valueSubscribers.values(), ...this.tierSubscribers.values()])
      count += subscribers.size;
    return count;
  }

  /** Tier subscribers a change at this unit reaches: at the unit itself, or above it watching descendants. */
  private tierSubscribersOf(unit: OrgUnitEntity): TierSubscriber[] {
    const ids = pathIds(unit.path);
    return ids.flatMap((id) =>
      [...(this.tierSubscribers.get(id) ?? [])].filter(
        (subscriber) => id === unit.id || subscriber.descendants,
      ),
    );
  }

  /** Fans out a batch of changes, in the order they came, with the batch's reads made together. */
  private async deliver(changeIds: readonly number[]): Promise<void> {
    if (this.valueSubscribers.size === 0 && this.tierSubscribers.size === 0) return;
    const em = this.orm.em.fork();
    const changes = (await readChanges(em, changeIds)).flatMap((change) => {
      const kpi = this.registry.get(change.kpiKey);
      return kpi ? [{ change, kpi }] : [];
    });

    // A change from an import names every unit it moved; only those someone may be watching are read.
    const watchable = (unitId: number) => this.tierSubscribers.size > 0 || this.valueSubscribers.has(unitId);
    const unitIds = [
      ...new Set(changes.flatMap(({ change }) => change.units.map((unit) => unit.unitId).filter(watchable))),
    ];
    if (unitIds.length === 0) return;
    const units = new Map(
      (await em.find(OrgUnitEntity, { id: { $in: unitIds } })).map((unit) => [unit.id, unit] as const),
    );
    const watched = unitIds.filter((unitId) => this.valueSubscribers.has(unitId));
    const counts = watched.length > 0 ? await countUnitsBelow(em, watched) : new Map<number, UnitCount[]>();
    const requests = changes.flatMap(({ change, kpi }) =>
      change.units.flatMap(({ unitId }) => {
        const unit = units.get(unitId);
        return unit ? [{ unit, kpi, month: change.period }] : [];
      }),
    );
    const appliedThresholds = await readAppliedThresholds(em, requests);
    const thresholdsOf = new Map(
      requests.map(({ unit, kpi, month }, index) => [
        `${unit.id} ${kpi.key} ${month}`,
        appliedThresholds[index]!,
      ]),
    );
    for (const { change, kpi } of changes) {
      for (const { unitId, before, after } of change.units) {
        const unit = units.get(unitId);
        const thresholds = thresholdsOf.get(`${unitId} ${kpi.key} ${change.period}`);
        if (!unit || !thresholds) continue;
        this.fanOut(kpi, unit, change.period, before, after, thresholds, counts.get(unitId) ?? []);
      }
      this.observer?.delivered((Date.now() - change.committedAt.getTime()) / 1000);
    }
  }

  private fanOut(
    kpi: KpiDefinition,
    unit: OrgUnitEntity,
    period: string,
    before: RollupState,
    after: RollupState,
    thresholds: AppliedThresholds<TierThresholdSettingEntity>,
    counts: readonly UnitCount[],
  ): void {
    const evaluation = this.evaluate(kpi, after, thresholds);
    const valueSubscribers = [...(this.valueSubscribers.get(unit.id) ?? [])].filter(
      (subscriber) =>
        (!subscriber.kpis || subscriber.kpis.has(kpi.key)) &&
        (!subscriber.period || subscriber.period === period),
    );
    if (valueSubscribers.length > 0) {
      const value: ValueChange = {
        kpi,
        unit,
        period,
        inputs: after.reporting > 0 ? after.sums : null,
        evaluation,
        thresholds,
        reporting: after.reporting,
        expected: expectedReporters(kpi, counts),
      };
      for (const subscriber of valueSubscribers) subscriber.receive(value);
      this.observer?.fannedOut(valueSubscribers.length);
    }

    const from = this.evaluate(kpi, before, thresholds).tier;
    if (from === evaluation.tier) return;
    const tierChange: TierChange = { kpi, unit, period, from, to: evaluation.tier };
    const subscribers = this.tierSubscribersOf(unit);
    for (const subscriber of subscribers) subscriber.receive(tierChange);
    this.observer?.fannedOut(subscribers.length);
  }

  /** Before and after are classified with the same thresholds, so a tier change is always a change of value. */
  private evaluate(
    kpi: KpiDefinition,
    state: RollupState,
    { thresholds }: AppliedThresholds<TierThresholdSettingEntity>,
  ): Evaluation {
    return this.registry.evaluateSums(kpi, state.reporting > 0 ? state.sums : null, thresholds);
  }
}

export type { KpiChange };
