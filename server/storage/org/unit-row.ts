import type { OrgLevel } from '../../engine/kpi/vocabulary';

/** A unit as a reader of many needs it, read as a plain row rather than an entity. */
export interface UnitRow {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  path: string;
  tags: string[];
}
