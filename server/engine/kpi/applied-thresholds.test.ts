import type { LocalThresholdSetting } from './applied-thresholds';
import { resolveThresholds } from './applied-thresholds';
import type { TierThresholds } from './define-kpi';

const PLUGIN: TierThresholds = { essential: 80, desirable: 90, aspirational: 95, breakthrough: 98 };
const RELAXED: TierThresholds = { essential: 60, desirable: 70, aspirational: 80, breakthrough: 90 };
const STRETCHED: TierThresholds = { essential: 85, desirable: 92, aspirational: 96, breakthrough: 99 };
const MODEST: TierThresholds = { essential: 70, desirable: 80, aspirational: 90, breakthrough: 95 };

/** A trust (1), a directorate (2), a service (3) and a ward (4): the ward's path, root first. */
const WARD_PATH = [1, 2, 3, 4];
const DIRECTORATE = 2;
const SERVICE = 3;
const WARD = 4;
const OTHER_SERVICE = 5;

let nextId = 1;
function setting(
  unitId: number,
  fromPeriod: string,
  thresholds: TierThresholds | null,
): LocalThresholdSetting {
  return { id: nextId++, orgUnit: { id: unitId }, fromPeriod, thresholds };
}

function applied(month: string, settings: LocalThresholdSetting[], path = WARD_PATH) {
  const { thresholds, source, setting: from } = resolveThresholds(PLUGIN, path, month, settings);
  return { thresholds, source, settingId: from?.id ?? null };
}

describe('resolveThresholds', () => {
  it("uses the plugin's tiers when no unit on the path has a setting", () => {
    expect(applied('2026-04', [setting(OTHER_SERVICE, '2026-01', RELAXED)])).toEqual({
      thresholds: PLUGIN,
      source: 'PLUGIN',
      settingId: null,
    });
  });

  it("applies a directorate's setting to every unit below it", () => {
    const directorate = setting(DIRECTORATE, '2026-01', RELAXED);
    for (const path of [[1, 2], [1, 2, 3], WARD_PATH]) {
      expect(applied('2026-04', [directorate], path)).toEqual({
        thresholds: RELAXED,
        source: 'LOCAL',
        settingId: directorate.id,
      });
    }
    expect(applied('2026-04', [directorate], [1]).source).toBe('PLUGIN');
  });

  it('lets the nearest unit with a setting win: the ward, then its service, then its directorate', () => {
    const directorate = setting(DIRECTORATE, '2026-01', RELAXED);
    const service = setting(SERVICE, '2026-01', STRETCHED);
    expect(applied('2026-04', [directorate, service]).settingId).toBe(service.id);
    const ward = setting(WARD, '2026-01', MODEST);
    expect(applied('2026-04', [ward, directorate, service])).toMatchObject({
      thresholds: MODEST,
      settingId: ward.id,
    });
  });

  it("leaves the months before a setting's fromPeriod alone", () => {
    const service = setting(SERVICE, '2026-04', STRETCHED);
    expect(applied('2026-03', [service]).source).toBe('PLUGIN');
    expect(applied('2026-04', [service]).settingId).toBe(service.id);
    expect(applied('2027-01', [service]).settingId).toBe(service.id);
  });

  it("takes a unit's latest setting by fromPeriod, whatever order they were recorded in", () => {
    const later = setting(SERVICE, '2026-07', MODEST);
    const earlier = setting(SERVICE, '2026-01', STRETCHED);
    expect(applied('2026-06', [later, earlier]).settingId).toBe(earlier.id);
    expect(applied('2026-07', [later, earlier]).settingId).toBe(later.id);
  });

  it('breaks a tie on fromPeriod in favour of the setting recorded later', () => {
    const first = setting(SERVICE, '2026-01', STRETCHED);
    const second = setting(SERVICE, '2026-01', MODEST);
    expect(applied('2026-02', [second, first])).toMatchObject({ thresholds: MODEST, settingId: second.id });
  });

  it('falls back from a reset to what applies above the unit', () => {
    const directorate = setting(DIRECTORATE, '2026-01', RELAXED);
    const service = setting(SERVICE, '2026-01', STRETCHED);
    const reset = setting(SERVICE, '2026-05', null);
    const settings = [directorate, service, reset];
    expect(applied('2026-04', settings).settingId).toBe(service.id);
    expect(applied('2026-05', settings).settingId).toBe(directorate.id);
    expect(applied('2026-05', [service, reset]).source).toBe('PLUGIN');
  });

  it('lets a setting after a reset override again', () => {
    const service = setting(SERVICE, '2026-01', STRETCHED);
    const reset = setting(SERVICE, '2026-03', null);
    const again = setting(SERVICE, '2026-06', MODEST);
    const settings = [service, reset, again];
    expect(applied('2026-04', settings).source).toBe('PLUGIN');
    expect(applied('2026-06', settings)).toMatchObject({ thresholds: MODEST, settingId: again.id });
  });

  it("does not let a reset on a unit hide a nearer unit's own setting", () => {
    const ward = setting(WARD, '2026-01', MODEST);
    const serviceReset = setting(SERVICE, '2026-02', null);
    expect(applied('2026-03', [ward, serviceReset]).settingId).toBe(ward.id);
  });
});
