/**
 * The stories planted in the demo trust's data: which units carry them and the exact numbers, so the
 * generator, its tests and the docs all point at the same place. Each story is generated (and
 * explained) in `demo-observations.ts`.
 */

/** The adult acute inpatient service (tag `acute-inpatient-service`); its wards carry the restraint story. */
export const ADULT_ACUTE_SERVICE = 'RNM-SVC-ADULT-ACUTE';

/**
 * Physical interventions (restraint) summed over the adult acute wards, per financial year: a fall of
 * the size the PROMISE project reported, with prone restraint falling fastest.
 */
export const PHYSICAL_INTERVENTIONS_BY_YEAR = {
  FY2023: { interventions: 328, prone: 82 },
  FY2024: { interventions: 241, prone: 55 },
  FY2025: { interventions: 210, prone: 32 },
} as const;

/**
 * "We hit the target but missed the point": every discharged patient gets a seven-day follow-up call
 * (100% every month), but only 20–35% of those calls include a clinical assessment.
 */
export const FOLLOW_UP_WITHOUT_ASSESSMENT_WARD = 'RNM-ADULT-WARD-ROWAN';
export const FOLLOW_UP_ASSESSED_SHARE = { min: 0.2, max: 0.35 } as const;

/** A community team that has submitted nothing, for any KPI, in the last two months. */
export const MISSING_DATA_TEAM = 'RNM-CMHT-WEST';
export const MISSING_DATA_MONTHS: readonly string[] = ['2026-02', '2026-03'];

/** A team whose sickness absence steps up and stays up: a sustained special-cause shift from this month. */
export const SICKNESS_SHIFT_TEAM = 'RNM-CRHT-SOUTH';
export const SICKNESS_SHIFT_FROM = '2025-07';

/** A ward whose friends-and-family positive score falls from Desirable or above to below Essential. */
export const FFT_FALL_WARD = 'RNM-OLDER-WARD-MAPLE';
export const FFT_FALL_MONTH = '2026-03';

/** A team that reaches Breakthrough on this KPI for the first time in the final month. */
export const FIRST_BREAKTHROUGH_TEAM = 'RNM-EIP-NORTH';
export const FIRST_BREAKTHROUGH_KPI = 'early-intervention-psychosis-two-week-wait';
export const FIRST_BREAKTHROUGH_FROM = '2026-03';
