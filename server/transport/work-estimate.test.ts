import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getOperationAST, parse } from 'graphql';
import type { OrgLevel } from '../engine/kpi/vocabulary';
import { estimateWork } from './work-estimate';
import type { TreeShape } from './work-estimate';
import { MAX_WORK } from './work-limit';

const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));

/** The integrated care system of the scale benchmark: 4,446 units, 889 in each organisation, 40 KPIs. */
const SYSTEM: TreeShape = {
  units: 4_446,
  kpis: 40,
  levels: new Map<OrgLevel, { units: number; largestSubtree: number }>([
    ['SYSTEM', { units: 1, largestSubtree: 4_446 }],
    ['ORGANISATION', { units: 5, largestSubtree: 889 }],
    ['DIRECTORATE', { units: 40, largestSubtree: 112 }],
    ['SERVICE', { units: 400, largestSubtree: 11 }],
    ['TEAM', { units: 4_000, largestSubtree: 1 }],
  ]),
};
const SUBTREES = new Map([
  ['SYS', 4_446],
  ['ORG1', 889],
  ['TEAM1', 1],
]);

function work(query: string, variables: Record<string, unknown> = {}, subtrees = SUBTREES): number {
  const document = parse(query);
  return estimateWork(schema, document, getOperationAST(document)!, variables, SYSTEM, (code) =>
    subtrees.get(code),
  );
}

describe('estimateWork', () => {
  it.each([
    [
      'a scorecard of every KPI at the system',
      '{ orgUnit(code: "SYS") { scorecard(period: "2026-03") { value } } }',
    ],
    ['attention at the system', '{ orgUnit(code: "SYS") { attention(period: "2026-03") { reasons } } }'],
    [
      'the walk: one value for each of an organisation’s units',
      '{ orgUnit(code: "ORG1") { descendants { code kpiValue(kpi: "k", period: "2026-03") { value } } } }',
    ],
    [
      'a scorecard for each of an organisation’s units',
      '{ orgUnit(code: "ORG1") { descendants { scorecard(period: "2026-03") { value } } } }',
    ],
    [
      'a tree three levels down from the system, with a value at each unit',
      '{ orgUnit(code: "SYS") { children { children { children { kpiValue(kpi: "k", period: "2026-03") { value } } } } } }',
    ],
    ['every unit by name', '{ orgUnits { code name } }'],
    [
      'a page of 100 units with a scorecard each',
      '{ orgUnitsConnection(first: 100) { edges { node { scorecard(period: "2026-03") { value } } } } }',
    ],
    [
      'a page of an organisation’s teams, a scorecard each',
      '{ orgUnit(code: "ORG1") { descendantsConnection(level: TEAM) { nodes { scorecard(period: "2026-03") { value } } } } }',
    ],
    [
      'a series of 24 months at each of an organisation’s teams',
      '{ orgUnit(code: "ORG1") { descendants(level: TEAM) { series(kpi: "k", from: "2024-04", to: "2026-03") { mean } } } }',
    ],
  ])('is within the limit for %s', (_shape, query) => {
    expect(work(query)).toBeLessThanOrEqual(MAX_WORK);
  });

  it.each([
    ['a scorecard for every unit of the system', '{ orgUnits { scorecard(period: "2026-03") { value } } }'],
    [
      'the celebrations of every unit’s ancestors',
      '{ orgUnits { ancestors { celebrations(period: "2026-03") { reasons } } } }',
    ],
    ['attention at every unit', '{ orgUnits { attention(period: "2026-03") { reasons } } }'],
    [
      'a series of 24 months at every team',
      '{ orgUnits(level: TEAM) { series(kpi: "k", from: "2024-04", to: "2026-03") { mean } } }',
    ],
    [
      'the attention of every unit of each of a hundred findings',
      '{ orgUnit(code: "SYS") { attention(first: 100, period: "2026-03") { orgUnit { ancestors { attention(period: "2026-03") { reasons } } } } } }',
    ],
    [
      'attention at the system thirty times over',
      `{ ${Array.from({ length: 30 }, (_, index) => `a${index}: orgUnit(code: "SYS") { attention(period: "2026-03") { reasons } }`).join(' ')} }`,
    ],
    [
      'every unit’s descendants, through a fragment',
      '{ orgUnits { ...below } } fragment below on OrgUnit { descendants { kpiValue(kpi: "k", period: "2026-03") { value } } }',
    ],
  ])('is over the limit for %s', (_shape, query) => {
    expect(work(query)).toBeGreaterThan(MAX_WORK);
  });

  it('reads the unit a variable names, and takes an unknown unit to be the largest there is', () => {
    const scorecards =
      'query($code: String!) { orgUnit(code: $code) { descendants { scorecard(period: "2026-03") { value } } } }';
    expect(work(scorecards, { code: 'TEAM1' })).toBeLessThan(100);
    expect(work(scorecards, { code: 'ORG1' })).toBeGreaterThan(889 * 40);
    expect(work(scorecards, { code: 'ORG1' }, new Map())).toBeGreaterThan(4_446 * 40);
  });

  it('counts a page of a connection, not the whole list', () => {
    const scorecards = (first: number) =>
      work(`{ orgUnitsConnection(first: ${first}) { nodes { scorecard(period: "2026-03") { value } } } }`);
    expect(scorecards(500)).toBeGreaterThan(scorecards(50));
    expect(scorecards(500)).toBeLessThan(work('{ orgUnits { scorecard(period: "2026-03") { value } } }'));
  });

  it('counts the months a series asks for', () => {
    const series = (from: string, to: string) =>
      work(`{ orgUnits(level: TEAM) { series(kpi: "k", from: "${from}", to: "${to}") { mean } } }`);
    expect(series('2024-04', '2026-03')).toBeGreaterThan(series('2025-04', '2026-03'));
  });
});
