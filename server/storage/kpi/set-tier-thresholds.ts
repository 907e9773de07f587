import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../engine/access/access';
import type { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { TierThresholdSettingEntity } from '../db/entities/tier-threshold-setting.entity';
import { badUserInput } from '../../engine/errors';
import { refuseNhsNumber } from '../../engine/free-text';
import type { KpiDefinition, TierThresholds } from '../../engine/kpi/define-kpi';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { currentMonth } from '../../engine/kpi/period';
import { monthInput } from '../../engine/kpi/period-input';
import { TIER_THRESHOLD_FIELDS, firstUnorderedTier } from '../../engine/kpi/tiers';
import { requestFactRefresh } from '../facts/request-fact-refresh';
import { transactionSql } from '../db/sql';
import { namedUnit } from '../org/named-unit';

/** A reason is a sentence or a paragraph for the history, not a document. */
const MAX_REASON_LENGTH = 2_000;

interface SettingCommand {
  kpi: string;
  orgUnit: string;
  /** The first month the setting applies to; the current month when absent. */
  fromPeriod?: string | null;
  reason?: string | null;
}

export type SetTierThresholdsCommand = SettingCommand & TierThresholds;
export type ResetTierThresholdsCommand = SettingCommand;

export interface TierThresholdDeps {
  em: EntityManager;
  registry: KpiRegistry;
  access: Access;
  now: Date;
}

interface Target {
  kpi: KpiDefinition;
  unit: OrgUnitEntity;
  fromPeriod: string;
  reason: string | null;
}

async function checkTarget(
  { em, registry, access, now }: TierThresholdDeps,
  command: SettingCommand,
  action: string,
): Promise<Target> {
  const kpi = registry.named(command.kpi);
  const unit = await namedUnit(em, command.orgUnit);
  await access.require('MANAGER', unit, `${action} of ${kpi.key} for ${unit.code}`);

  const fromPeriod = command.fromPeriod
    ? monthInput(command.fromPeriod, 'tier thresholds', 'fromPeriod').label
    : currentMonth(now);
  const reason = command.reason?.trim() || null;
  if (reason && reason.length > MAX_REASON_LENGTH) {
    throw badUserInput('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  }
  if (reason) refuseNhsNumber('reason', reason);
  return { kpi, unit, fromPeriod, reason };
}

function checkThresholds(kpi: KpiDefinition, thresholds: TierThresholds): TierThresholds {
  for (const field of TIER_THRESHOLD_FIELDS) {
    if (!Number.isFinite(thresholds[field])) throw badUserInput(field, 'must be a finite number');
  }
  const unordered = firstUnorderedTier(thresholds, kpi.direction);
  if (unordered) {
    const previous = TIER_THRESHOLD_FIELDS[TIER_THRESHOLD_FIELDS.indexOf(unordered) - 1]!;
    const [side, better] = kpi.direction === 'HIGHER_IS_BETTER' ? ['above', 'higher'] : ['below', 'lower'];
    throw badUserInput(
      unordered,
      `must be ${side} ${previous} (${thresholds[previous]}) for a KPI where ${better} is better; got ${thresholds[unordered]}`,
    );
  }
  return {
    essential: thresholds.essential,
    desirable: thresholds.desirable,
    aspirational: thresholds.aspirational,
    breakthrough: thresholds.breakthrough,
  };
}

async function record(
  deps: TierThresholdDeps,
  target: Target,
  thresholds: TierThresholds | null,
): Promise<TierThresholdSettingEntity> {
  return deps.em.transactional(async (tx) => {
    const setting = tx.create(TierThresholdSettingEntity, {
      kpiKey: target.kpi.key,
      orgUnit: target.unit,
      fromPeriod: target.fromPeriod,
      ...thresholds,
      reset: thresholds === null,
      setBy: deps.access.viewer.subject ?? 'anonymous',
      setAt: deps.now,
      reason: target.reason,
    });
    await tx.flush();
    // Every tier from that month on, at the unit and below it, may now read differently.
    await requestFactRefresh(await transactionSql(tx), {
      kpiKey: target.kpi.key,
      subtreeOf: target.unit.id,
      from: target.fromPeriod,
    });
    return setting;
  });
}

/**
 * Records a unit's own thresholds for a KPI from a month on; they apply to the unit and every unit below it
 * that has none of its own. Every check runs before the one insert, so a rejected request writes nothing.
 */
export async function setTierThresholds(
  deps: TierThresholdDeps,
  command: SetTierThresholdsCommand,
): Promise<TierThresholdSettingEntity> {
  const target = await checkTarget(deps, command, 'Setting the tier thresholds');
  return record(deps, target, checkThresholds(target.kpi, command));
}

/** Records that from a month on the unit stops overriding, and uses what applies above it. */
export async function resetTierThresholds(
  deps: TierThresholdDeps,
  command: ResetTierThresholdsCommand,
): Promise<TierThresholdSettingEntity> {
  return record(deps, await checkTarget(deps, command, 'Resetting the tier thresholds'), null);
}
