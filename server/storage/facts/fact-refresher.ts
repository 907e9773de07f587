import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { KpiDefinition } from '../../engine/kpi/define-kpi';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { groupBy } from '../../engine/group-by';
import { requestFactRefresh } from './request-fact-refresh';
import { transactionSql } from '../db/sql';
import { workOutFacts } from './work-out-facts';

/**
 * Bump this whenever the way facts are worked out changes (the charts, the findings, what is kept): every
 * KPI's facts are then worked out again at the next start.
 */
export const FACTS_VERSION = '1';

/** Any fixed number, shared by every instance: whoever holds this lock works the facts out. */
export const FACT_WORKER_LOCK = 7_340_203;
/** How often an instance that is not working the facts out asks whether the one that was has gone. */
const LEADERSHIP_RETRY_MS = 5_000;
/** Requests taken at a time; those for one KPI are worked out together. */
const REQUESTS_PER_ROUND = 200;
/** Later requests for the round's KPIs taken with them, at most. */
const LATER_REQUESTS_PER_ROUND = 5_000;
/** Enough to outlast any notice still on its way. */
const REMEMBERED_REQUESTS = 10_000;
/** Work on the facts that takes this long is worth a line in the log. */
const LONG_WORK_S = 1;
/** Every month there is, for a refresh of a KPI's whole history. */
export const FIRST_MONTH = '0000-01';

/** How the pg connection that holds the lock shows in pg_stat_activity. */
export const FACT_WORKER_APPLICATION_NAME = 'progress-facts';

/**
 * A request's units stay in the database: after a bulk load the queue holds a request per KPI and month, each
 * naming thousands of units, and reading every list into the server would take hundreds of megabytes for the
 * few thousand distinct units they name (see `unitsRequested`).
 */
const REQUEST_COLUMNS =
  'id, kpi_key, unit_ids is null and subtree_of is null as every_unit, from_period, to_period';

interface RefreshRow {
  id: number;
  kpi_key: string;
  every_unit: boolean;
  from_period: string;
  to_period: string | null;
}

/** What a KPI's facts depend on besides the data: its definition, functions and all, and how facts are made. */
export function kpiFingerprint(kpi: KpiDefinition): string {
  const definition = JSON.stringify(kpi, (_key, value: unknown) =>
    typeof value === 'function' ? value.toString() : value,
  );
  return createHash('sha256').update(`${FACTS_VERSION}\n${definition}`).digest('hex');
}

/**
 * Works out, in the background, the facts that writes have made stale (`fact_refresh`), oldest request first,
 * on one instance at a time: on PostgreSQL the one that holds an advisory lock on a connection of its own,
 * which another instance takes over if it goes. On taking over it first queues every KPI whose plugin has
 * changed since its facts were worked out.
 */
export class FactRefresher {
  private leading = false;
  private stopped = false;
  private running: Promise<void> | null = null;
  private runAgain = false;
  private lockHolder: Client | null = null;
  private retry: NodeJS.Timeout | undefined;
  /** Set when the whole history of new or changed KPIs was queued, until the work on it is done. */
  private wholeKpisQueued = false;
  /** The requests worked out lately, so that their late notices are let go. */
  private readonly done = new Set<number>();

  constructor(
    private readonly orm: MikroORM,
    private readonly databaseUrl: string | undefined,
    private readonly registry: KpiRegistry,
    private readonly onError: (error: unknown) => void,
    /** Told of work long enough for an operator to wonder about: a whole KPI's history, a long catch-up. */
    private readonly onLongWork: (message: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    await this.seekLeadership();
  }

  /**
   * Called with the id of every request queued anywhere: this instance acts on it if it is the one working facts
   * out. A request's notice can come after a round has already taken it; then there is nothing to do.
   */
  wake(requestId?: number): void {
    if (!this.leading || this.stopped) return;
    if (requestId !== undefined && this.done.has(requestId)) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.drain()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.runAgain) {
          this.runAgain = false;
          this.wake();
        }
      });
  }

  /** Resolves once no round is running or due, e.g. for a caller that waits until the queue is worked out. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Finishes the chunk in hand, then lets the lock go for another instance. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.running;
    await this.lockHolder?.end().catch(() => undefined);
  }

  private async seekLeadership(): Promise<void> {
    if (this.stopped) return;
    try {
      const taken = this.databaseUrl ? await this.takeLock(this.databaseUrl) : true;
      // Not leading until every changed KPI is queued: a round begun on the notice of the first would take
      // the queue's other requests without the rest, and work those KPIs' whole histories out twice.
      if (taken) await this.queueChangedKpis();
      this.leading = taken;
    } catch (error) {
      this.onError(error);
      this.leading = false;
    }
    if (this.leading) this.wake();
    else this.retry = setTimeout(() => void this.seekLeadership(), LEADERSHIP_RETRY_MS);
  }

  private async takeLock(databaseUrl: string): Promise<boolean> {
    const client = new Client({
      connectionString: databaseUrl,
      application_name: FACT_WORKER_APPLICATION_NAME,
    });
    client.on('error', (error) => {
      // The lock went with the connection: another instance may take over, and so may this one, later.
      this.onError(error);
      this.leading = false;
      this.lockHolder = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) this.retry = setTimeout(() => void this.seekLeadership(), LEADERSHIP_RETRY_MS);
    });
    await client.connect();
    const { rows } = await client.query<{ taken: boolean }>('select pg_try_advisory_lock($1) as taken', [
      FACT_WORKER_LOCK,
    ]);
    if (rows[0]?.taken) {
      this.lockHolder = client;
      return true;
    }
    await client.end();
    return false;
  }

  /** Queues a whole refresh of each KPI whose definition differs from the one its facts were worked out with. */
  private async queueChangedKpis(): Promise<void> {
    const em = this.orm.em.fork();
    const recorded = new Map(
      (
        await em.execute<{ kpi_key: string; fingerprint: string }[]>(
          'select kpi_key, fingerprint from kpi_fact_basis',
        )
      ).map((row) => [row.kpi_key, row.fingerprint] as const),
    );
    const changed = this.registry.all().filter((kpi) => recorded.get(kpi.key) !== kpiFingerprint(kpi));
    if (changed.length > 0) {
      this.onLongWork(
        `Working out the attention facts of ${changed.length} KPIs new or changed since they were last worked out, in the background: ${changed.map((kpi) => kpi.key).join(', ')}`,
      );
    }
    for (const kpi of changed) {
      const fingerprint = kpiFingerprint(kpi);
      await em.transactional(async (tx) => {
        await tx.execute(
          `insert into kpi_fact_basis (kpi_key, fingerprint) values (?, ?)
           on conflict (kpi_key) do update set fingerprint = excluded.fingerprint`,
          [kpi.key, fingerprint],
        );
        await requestFactRefresh(await transactionSql(tx), { kpiKey: kpi.key, from: FIRST_MONTH });
      });
    }
    if (changed.length > 0) this.wholeKpisQueued = true;
    const gone = [...recorded.keys()].filter((key) => !this.registry.get(key));
    if (gone.length > 0) {
      await em.transactional(async (tx) => {
        await tx.execute('delete from kpi_fact where kpi_key = any(array[?]::text[])', [gone]);
        await tx.execute('delete from kpi_fact_basis where kpi_key = any(array[?]::text[])', [gone]);
      });
    }
  }

  private async drain(): Promise<void> {
    const started = performance.now();
    let requests = 0;
    while (!this.stopped && this.leading) {
      const taken = await this.round();
      if (taken === 0) break;
      requests += taken;
    }
    const seconds = (performance.now() - started) / 1000;
    // Whole KPIs announced as queued are announced as done, however quickly.
    if ((seconds >= LONG_WORK_S || this.wholeKpisQueued) && !this.stopped && requests > 0) {
      this.wholeKpisQueued = false;
      this.onLongWork(`Attention facts worked out: ${requests} requests in ${seconds.toFixed(1)} s`);
    }
  }

  /** Works out the facts of the oldest requests, then removes them; a crash before that leaves them queued. */
  private async round(): Promise<number> {
    const em = this.orm.em.fork();
    const oldest = await em.execute<RefreshRow[]>(
      `select ${REQUEST_COLUMNS} from fact_refresh order by id limit ?`,
      [REQUESTS_PER_ROUND],
    );
    if (oldest.length === 0) return 0;
    const kpiKeys = [...new Set(oldest.map((request) => request.kpi_key))];
    // The later requests for the same KPIs join the round, so that a KPI whose whole history is queued behind
    // a month's requests (a changed plugin after an import, say) is worked out once, not once for each.
    const [later, wholes] = await Promise.all([
      em.execute<RefreshRow[]>(
        `select ${REQUEST_COLUMNS} from fact_refresh where id > ? and kpi_key = any(array[?]::text[])
         order by id limit ?`,
        [oldest.at(-1)!.id, kpiKeys, LATER_REQUESTS_PER_ROUND],
      ),
      em.execute<RefreshRow[]>(
        `select ${REQUEST_COLUMNS} from fact_refresh where kpi_key = any(array[?]::text[])
           and unit_ids is null and subtree_of is null and from_period = ? and to_period is null`,
        [kpiKeys, FIRST_MONTH],
      ),
    ]);
    // However many requests queue between, a KPI's whole history is worked out in this round, and that answers
    // every request for it queued so far: their writes were committed before the round reads the roll-ups.
    const answered =
      wholes.length === 0
        ? []
        : await em.execute<{ id: number }[]>(
            'select id from fact_refresh where kpi_key = any(array[?]::text[])',
            [[...new Set(wholes.map((request) => request.kpi_key))]],
          );
    const requests = [
      ...new Map([...oldest, ...later, ...wholes].map((request) => [request.id, request])).values(),
    ];
    for (const [kpiKey, group] of groupBy(requests, (request) => request.kpi_key)) {
      if (this.stopped) return 0;
      const kpi = this.registry.get(kpiKey);
      if (!kpi) continue;
      await workOutFacts(em, this.registry, {
        kpi,
        unitIds: await unitsRequested(em, group),
        from: group.map((request) => request.from_period).sort()[0]!,
        to: group.some((request) => request.to_period === null)
          ? null
          : group
              .map((request) => request.to_period!)
              .sort()
              .at(-1)!,
      });
    }
    const ids = [...new Set([...requests, ...answered].map((request) => request.id))];
    await em.execute('delete from fact_refresh where id = any(array[?]::int[])', [ids]);
    for (const id of ids) {
      this.done.add(id);
      if (this.done.size > REMEMBERED_REQUESTS) this.done.delete(this.done.values().next().value!);
    }
    return ids.length;
  }
}

/** The units a group of queued requests names, in order: listed, in a subtree, or every unit. */
export async function unitsRequested(
  em: EntityManager,
  requests: readonly Pick<RefreshRow, 'id' | 'every_unit'>[],
): Promise<number[]> {
  const rows = requests.some((request) => request.every_unit)
    ? await em.execute<{ id: number }[]>('select id from org_unit order by id')
    : await em.execute<{ id: number }[]>(
        `with requested as (select unit_ids, subtree_of from fact_refresh where id = any(array[?]::int[]))
         select unit_id as id from requested, unnest(unit_ids) as unit_id
         union
         select member.id from requested
           join org_unit root on root.id = requested.subtree_of
           join org_unit member on member.path like root.path || '%'
         order by id`,
        [requests.map((request) => request.id)],
      );
  return rows.map((row) => row.id);
}
