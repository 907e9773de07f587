/** The closed vocabularies of the PROGRESS framework, shared by plugins, storage and the API. */

export const DOMAINS = [
  'CLINICAL_EFFECTIVENESS',
  'PATIENT_EXPERIENCE',
  'STAFF_ENGAGEMENT',
  'FINANCE',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** Ordered from the bottom of the tree to the top: a parent's level is always further along. */
export const ORG_LEVELS = ['INDIVIDUAL', 'TEAM', 'SERVICE', 'DIRECTORATE', 'ORGANISATION', 'SYSTEM'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Ordered from the lowest ambition to the highest. */
export const TIERS = ['BELOW_ESSENTIAL', 'ESSENTIAL', 'DESIRABLE', 'ASPIRATIONAL', 'BREAKTHROUGH'] as const;
export type Tier = (typeof TIERS)[number];

/** `count`: a non-negative integer; `amount`: a non-negative decimal. Both are additive. */
export const INPUT_KINDS = ['count', 'amount'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export function levelRank(level: OrgLevel): number {
  return ORG_LEVELS.indexOf(level);
}

export function isOneOf<T extends string>(values: readonly T[], candidate: unknown): candidate is T {
  return typeof candidate === 'string' && (values as readonly string[]).includes(candidate);
}
