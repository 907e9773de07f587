import type { Direction, Domain, InputKind, OrgLevel } from './vocabulary';

/**
 * The version of the plugin contract this server implements. A plugin may say which version it was written
 * for (`apiVersion`); a server older than that refuses it at start-up rather than misreading it.
 */
export const KPI_API_VERSION = 1;

export interface KpiInputDefinition {
  label: string;
  kind: InputKind;
}

export interface TierThresholds {
  essential: number;
  desirable: number;
  aspirational: number;
  breakthrough: number;
}

export type InputValues<Inputs> = { readonly [Name in keyof Inputs]: number };

/**
 * A derived ratio that says whether the headline means what it seems: a follow-up rate is only as good as
 * the share of follow-ups that assessed the person. Rolled up like the value: calculated from the sums.
 */
export interface KpiCompanionDefinition<Inputs = Record<string, KpiInputDefinition>> {
  label: string;
  /** How the companion reads, as the KPI's `unit`. */
  unit: string;
  calculate: (values: InputValues<Inputs>) => number | null;
  /** The least the companion should be for the headline to be taken at its word. */
  floor?: number;
}

/**
 * A KPI plugin: a plain object, so a trust can write one in plain JavaScript.
 * `defineKpi` only adds types; the loader checks every rule at start-up.
 */
export interface KpiDefinition<
  Inputs extends Record<string, KpiInputDefinition> = Record<string, KpiInputDefinition>,
> {
  /** The version of the plugin contract it is written for; 1 when absent. */
  apiVersion?: number;
  /** kebab-case, unique and stable: stored with every observation. */
  key: string;
  name: string;
  domain: Domain;
  /** Keys of the pathway stages this KPI measures; empty for KPIs that belong to no one stage. */
  stages: readonly string[];
  /** The one level at which observations are submitted. */
  collectedAt: OrgLevel;
  /** How the value reads, e.g. `PERCENT`, `PER_1000_OCCUPIED_BED_DAYS`, `GBP`. */
  unit: string;
  direction: Direction;
  inputs: Inputs;
  /** Returns a message when the values cannot be true together, e.g. more follow-ups than discharges. */
  validate?: (values: InputValues<Inputs>) => string | null | undefined;
  /** The value from (rolled-up) inputs; `null` when it is undefined, e.g. a zero denominator. */
  calculate: (values: InputValues<Inputs>) => number | null;
  tiers: TierThresholds;
  /** Keyed like inputs (letters and digits); shown beside the value, never folded into it. */
  companions?: Readonly<Record<string, KpiCompanionDefinition<Inputs>>>;
  /** When present, the KPI is expected only from collecting units carrying at least one of these tags. */
  appliesTo?: readonly string[];
  why: string;
  prompts: readonly string[];
}

export function defineKpi<Inputs extends Record<string, KpiInputDefinition>>(
  definition: KpiDefinition<Inputs>,
): KpiDefinition<Inputs> {
  return definition;
}
