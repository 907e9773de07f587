import type { EntityManager } from '@mikro-orm/postgresql';
import { setImmediate } from 'node:timers/promises';
import { TierThresholdSettingEntity } from '../db/entities/tier-threshold-setting.entity';
import { resolveThresholds } from '../../engine/kpi/applied-thresholds';
import type { KpiDefinition, TierThresholds } from '../../engine/kpi/define-kpi';
import {
  ATTENTION_REASONS,
  CELEBRATION_REASONS,
  attentionReasons,
  celebrationReasons,
} from '../../engine/kpi/findings';
import type { KpiFacts } from '../../engine/kpi/findings';
import { chartStart, kpiFactsOf } from '../../engine/kpi/kpi-facts';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { pathIds } from '../kpi/rollups';
import { countUnitsBelow, expectedReporters } from '../org/unit-counts';
import { callsForStory } from '../../engine/review/calls-for-story';
import { reasonBits } from './reason-bits';
import { executeBound } from '../db/execute-bound';
import type { UnitRow } from '../org/unit-row';

/** The facts of one KPI to work out again: at these units, for the months from `from` to `to` (or on). */
export interface FactTarget {
  kpi: KpiDefinition;
  unitIds: readonly number[];
  from: string;
  to: string | null;
}

/** Units a statement reads the roll-ups of: a few hundred, so a chunk's rows stay a few megabytes. */
const UNITS_PER_CHUNK = 200;
/** Facts worked out between two turns of the event loop: each takes a hundred microseconds or two. */
const FACTS_PER_TURN = 50;

interface FactRow {
  unitId: number;
  period: string;
  attention: number;
  celebration: number;
  callsForStory: boolean;
}

/**
 * What is worth keeping: that a list, or the governance cycle, has something to say, and why. The rest of the
 * facts are worked out again for the few findings a list shows.
 */
function notable(unitId: number, facts: KpiFacts): FactRow | null {
  const attention = reasonBits(attentionReasons(facts), ATTENTION_REASONS);
  const celebration = reasonBits(celebrationReasons(facts), CELEBRATION_REASONS);
  const calling = callsForStory(facts);
  if (attention === 0 && celebration === 0 && !calling) return null;
  return { unitId, period: facts.period, attention, celebration, callsForStory: calling };
}

/**
 * Works out one KPI's facts at the target's units for each month in its range that has a value, and replaces
 * what was stored for those units and months, a chunk of units at a time, each chunk in a transaction of its
 * own. The event loop gets a turn every few hundred facts. Returns how many notable facts it stored.
 */
export async function workOutFacts(
  em: EntityManager,
  registry: KpiRegistry,
  target: FactTarget,
): Promise<number> {
  const { kpi, from, to } = target;
  const settings = await em.find(TierThresholdSettingEntity, { kpiKey: kpi.key }, { orderBy: { id: 'asc' } });
  let stored = 0;
  for (let start = 0; start < target.unitIds.length; start += UNITS_PER_CHUNK) {
    const unitIds = target.unitIds.slice(start, start + UNITS_PER_CHUNK);
    const [units, counts, rollups] = await Promise.all([
      em.execute<UnitRow[]>(
        'select id, code, name, level, path, tags from org_unit where id = any(array[?]::int[])',
        [unitIds],
      ),
      countUnitsBelow(em, unitIds),
      em.execute<{ unit_id: number; period: string; sums: Record<string, number | string> }[]>(
        `select org_unit_id as unit_id, period, sums from rollup
         where org_unit_id = any(array[?]::int[]) and kpi_key = ? and period >= ? ${to ? 'and period <= ?' : ''}`,
        [unitIds, kpi.key, chartStart(from), ...(to ? [to] : [])],
      ),
    ]);
    const sumsByUnit = new Map<number, Map<string, Record<string, number>>>();
    for (const row of rollups) {
      const byMonth = sumsByUnit.get(row.unit_id) ?? new Map<string, Record<string, number>>();
      sumsByUnit.set(row.unit_id, byMonth);
      byMonth.set(
        row.period,
        Object.fromEntries(Object.entries(row.sums).map(([name, sum]) => [name, Number(sum)])),
      );
    }

    const rows: FactRow[] = [];
    let sinceTurn = 0;
    for (const unit of units) {
      // A KPI that does not apply to a unit is on none of its lists, as it is on none of its scorecards.
      if (expectedReporters(kpi, counts.get(unit.id) ?? []) === 0) continue;
      const byMonth = sumsByUnit.get(unit.id);
      if (!byMonth) continue;
      const path = pathIds(unit.path);
      const thresholds = new Map<string, TierThresholds>();
      const thresholdsIn = (month: string) => {
        let applied = thresholds.get(month);
        if (!applied)
          thresholds.set(month, (applied = resolveThresholds(kpi.tiers, path, month, settings).thresholds));
        return applied;
      };
      const months = [...byMonth.keys()]
        .filter((month) => month >= from && (to === null || month <= to))
        .sort();
      for (const month of months) {
        const facts = kpiFactsOf({
          kpi,
          unit: { code: unit.code, name: unit.name, level: unit.level, path: unit.path },
          month,
          sumsIn: (period) => byMonth.get(period) ?? null,
          thresholdsIn,
          evaluate: (definition, sums, applied) => registry.evaluateSums(definition, sums, applied),
        });
        const row = facts && notable(unit.id, facts);
        if (row) rows.push(row);
        if (++sinceTurn >= FACTS_PER_TURN) {
          sinceTurn = 0;
          await setImmediate();
        }
      }
    }

    await em.transactional(async (tx) => {
      await tx.execute(
        `delete from kpi_fact where org_unit_id = any(array[?]::int[]) and kpi_key = ? and period >= ? ${to ? 'and period <= ?' : ''}`,
        [unitIds, kpi.key, from, ...(to ? [to] : [])],
      );
      if (rows.length === 0) return;
      await executeBound(
        tx,
        `insert into kpi_fact (org_unit_id, period, kpi_key, attention, celebration, calls_for_story)
         select "unitId", period, ?, attention, celebration, "callsForStory"
         from jsonb_to_recordset(?::jsonb)
           as fact("unitId" int, period varchar(7), attention smallint, celebration smallint, "callsForStory" boolean)`,
        [kpi.key, JSON.stringify(rows)],
      );
    });
    stored += rows.length;
  }
  return stored;
}
