import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkObservationValues } from '../server/engine/kpi/check-observation-values';
import { loadKpiPlugins } from '../server/engine/kpi/load-kpi-plugins';
import type { KpiDefinition } from '../server/engine/kpi/define-kpi';
import { LOCAL_KPIS, writeLocalPlugins } from './scale-kpis';
import { scaleHierarchy, scaleObservations } from './scale-system';
import { scaleMonths } from './seed-scale';

let folder: string;
let kpis: KpiDefinition[];
beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'progress-scale-'));
  writeLocalPlugins(folder);
  kpis = (await loadKpiPlugins([folder])).map((loaded) => loaded.definition);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the synthetic integrated care system', () => {
  it('has, at 4,000 teams, five organisations of 889 units each under one system', () => {
    const units = scaleHierarchy(4000);
    const count = (level: string) => units.filter((unit) => unit.level === level).length;
    expect(units).toHaveLength(4446);
    expect([
      count('SYSTEM'),
      count('ORGANISATION'),
      count('DIRECTORATE'),
      count('SERVICE'),
      count('TEAM'),
    ]).toEqual([1, 5, 40, 400, 4000]);
    const codes = new Set(units.map((unit) => unit.code));
    expect(codes.size).toBe(units.length);
    // Parents come first, as they must be created.
    const seen = new Set<string>();
    for (const unit of units) {
      if (unit.parentCode) expect(seen.has(unit.parentCode)).toBe(true);
      seen.add(unit.code);
    }
  });

  it('has 40 KPIs: the 14 built-ins and 26 local plugins that load and pass every check', () => {
    expect(LOCAL_KPIS).toHaveLength(26);
    expect(kpis).toHaveLength(40);
  });

  it('draws, for every team and month, values that pass every KPI’s own checks, the same each time', () => {
    const units = scaleHierarchy(60);
    const months = scaleMonths(14, '2026-03');
    const first = [...scaleObservations(units, kpis, months)];
    const again = [...scaleObservations(units, kpis, months)];
    expect(again).toEqual(first);
    expect(first.map(({ month }) => month)).toEqual(months);
    const byKey = new Map(kpis.map((kpi) => [kpi.key, kpi]));
    const rows = first.flatMap(({ rows }) => rows);
    for (const row of rows)
      expect(() => checkObservationValues(byKey.get(row.kpi)!, row.values)).not.toThrow();
    // Every KPI is drawn, and every month of every series varies.
    expect(new Set(rows.map((row) => row.kpi)).size).toBe(40);
    const alder = rows.filter((row) => row.kpi === 'appraisal-rate' && row.orgUnit === 'ICS-O1-D1-S04-T02');
    expect(new Set(alder.map((row) => row.values[0]!.value)).size).toBeGreaterThan(5);
  });
});
