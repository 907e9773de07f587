/**
 * The plugin kit: everything a KPI plugin, and a trust's tests of one, may rely on. It is the package's
 * public entry point `progress-platform/kpi`; the rest of the server is not, and may change without notice.
 * A change to what this file exports shows in `docs/api/kpi.api.md`.
 */
export { KPI_API_VERSION, defineKpi } from './define-kpi';
export type {
  InputValues,
  KpiCompanionDefinition,
  KpiDefinition,
  KpiInputDefinition,
  TierThresholds,
} from './define-kpi';
export { KpiPluginError } from './kpi-plugin-error';
export type { KpiPluginErrorCode } from './kpi-plugin-error';
export { KpiTestFailure, testKpi } from './test-kpi';
export type { ExpectedValue, KpiTestCase } from './test-kpi';
export { classifyTier, tiersOrdered } from './tiers';
export { DIRECTIONS, DOMAINS, INPUT_KINDS, ORG_LEVELS, TIERS } from './vocabulary';
export type { Direction, Domain, InputKind, OrgLevel, Tier } from './vocabulary';
