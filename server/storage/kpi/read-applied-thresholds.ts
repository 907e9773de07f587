import type { EntityManager } from '@mikro-orm/postgresql';
import { TierThresholdSettingEntity } from '../db/entities/tier-threshold-setting.entity';
import { resolveThresholds } from '../../engine/kpi/applied-thresholds';
import type { AppliedThresholds } from '../../engine/kpi/applied-thresholds';
import type { KpiDefinition } from '../../engine/kpi/define-kpi';
import { pathIds } from './rollups';

/** "Which thresholds apply to this KPI at this unit in this month?" */
export interface ThresholdRequest {
  unit: { id: number; path: string };
  kpi: KpiDefinition;
  /** `YYYY-MM`; a longer period is classified with the thresholds of its last month. */
  month: string;
}

/** Every setting of these KPIs on these units, in the order recorded. */
function readThresholdSettings(
  em: EntityManager,
  kpiKeys: readonly string[],
  unitIds: readonly number[],
): Promise<TierThresholdSettingEntity[]> {
  return em.find(
    TierThresholdSettingEntity,
    { kpiKey: { $in: [...new Set(kpiKeys)] }, orgUnit: { $in: [...new Set(unitIds)] } },
    { orderBy: { id: 'asc' } },
  );
}

/** The thresholds that apply to each request, resolved from settings already read, in the requests' order. */
export function appliedFrom(
  settings: readonly TierThresholdSettingEntity[],
  requests: readonly ThresholdRequest[],
): AppliedThresholds<TierThresholdSettingEntity>[] {
  const byKpi = new Map<string, TierThresholdSettingEntity[]>();
  for (const setting of settings) {
    const ofKpi = byKpi.get(setting.kpiKey) ?? [];
    byKpi.set(setting.kpiKey, ofKpi);
    ofKpi.push(setting);
  }
  return requests.map(({ unit, kpi, month }) =>
    resolveThresholds(kpi.tiers, pathIds(unit.path), month, byKpi.get(kpi.key) ?? []),
  );
}

/**
 * The thresholds that apply to each request, in the requests' order. One query however many units and KPIs
 * are asked about: the settings on every unit of every request's path are read together.
 */
export async function readAppliedThresholds(
  em: EntityManager,
  requests: readonly ThresholdRequest[],
): Promise<AppliedThresholds<TierThresholdSettingEntity>[]> {
  if (requests.length === 0) return [];
  const settings = await readThresholdSettings(
    em,
    requests.map((request) => request.kpi.key),
    requests.flatMap((request) => pathIds(request.unit.path)),
  );
  return appliedFrom(settings, requests);
}
