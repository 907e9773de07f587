import type { TierThresholds } from './define-kpi';

/** Where the thresholds a value was classified with came from. */
export const THRESHOLD_SOURCES = ['PLUGIN', 'LOCAL'] as const;
export type ThresholdSource = (typeof THRESHOLD_SOURCES)[number];

/** A unit's local thresholds for one KPI from one month on, as resolution reads it. */
export interface LocalThresholdSetting {
  /** Ids are taken as settings are recorded: of two from the same month, the higher id was recorded later. */
  id: number;
  orgUnit: { id: number };
  /** The first month it applies to, `YYYY-MM`. */
  fromPeriod: string;
  /** Null for a reset: from `fromPeriod` the unit uses what applies above it. */
  thresholds: TierThresholds | null;
}

export interface AppliedThresholds<Setting extends LocalThresholdSetting = LocalThresholdSetting> {
  thresholds: TierThresholds;
  source: ThresholdSource;
  /** The local setting that applied; null when the plugin's tiers did. */
  setting: Setting | null;
}

/** The unit's setting in effect in `month`: its latest from that month or before, the later recorded on a tie. */
function effectiveSetting<Setting extends LocalThresholdSetting>(
  unitId: number,
  month: string,
  settings: readonly Setting[],
): Setting | null {
  let effective: Setting | null = null;
  for (const setting of settings) {
    if (setting.orgUnit.id !== unitId || setting.fromPeriod > month) continue;
    if (
      !effective ||
      setting.fromPeriod > effective.fromPeriod ||
      (setting.fromPeriod === effective.fromPeriod && setting.id > effective.id)
    ) {
      effective = setting;
    }
  }
  return effective;
}

/**
 * The thresholds for one KPI at a unit in a month: the nearest unit on the path (the unit itself first, then
 * upwards) whose setting in effect is not a reset sets them; otherwise the plugin's tiers do.
 *
 * @param pathIds the unit's path, root first, ending with the unit itself
 * @param settings this KPI's settings; those on units off the path are ignored
 */
export function resolveThresholds<Setting extends LocalThresholdSetting>(
  pluginTiers: TierThresholds,
  pathIds: readonly number[],
  month: string,
  settings: readonly Setting[],
): AppliedThresholds<Setting> {
  for (let index = pathIds.length - 1; index >= 0; index--) {
    const setting = effectiveSetting(pathIds[index]!, month, settings);
    if (setting?.thresholds) return { thresholds: setting.thresholds, source: 'LOCAL', setting };
  }
  return { thresholds: pluginTiers, source: 'PLUGIN', setting: null };
}
