/**
 * The demo trust: a fictional integrated care system with a mental-health trust and a community
 * health trust, and 36 months of data for every built-in KPI, with planted stories to find.
 * Pure and deterministic (no database): the seeder writes what this returns.
 */
import { buildDemoHierarchy } from './demo-hierarchy';
import type { OrgUnitSeed } from './demo-hierarchy';
import { buildDemoObservations } from './demo-observations';
import type { ObservationSeed } from './demo-observations';

export type { OrgUnitSeed } from './demo-hierarchy';
export type { ObservationSeed } from './demo-observations';
export { DEMO_FIRST_MONTH, DEMO_LAST_MONTH, DEMO_MONTHS } from './demo-observations';
export * from './demo-stories';

export interface DemoTrust {
  /** Parents before children. */
  orgUnits: OrgUnitSeed[];
  observations: ObservationSeed[];
}

export function buildDemoTrust(): DemoTrust {
  const hierarchy = buildDemoHierarchy();
  return { orgUnits: hierarchy.orgUnits, observations: buildDemoObservations(hierarchy) };
}
