import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import { factsWorkedOut } from './support/facts-worked-out';
import { startTestServer } from './support/test-server';

const WALK = `
  fragment Value on OrgUnit {
    code
    kpiValue(kpi: "seven-day-follow-up", period: "2026-01") {
      value tier reporting expected inputs { name value }
      companions { value belowFloor } thresholds { essential source } stories { text }
    }
    series(kpi: "seven-day-follow-up", from: "2025-02", to: "2026-01") { mean variation points { pointType } }
  }
  query Walk {
    orgUnit(code: "SYS") {
      ...Value
      attention(period: "2026-01", first: 100) { reason alsoAt { code } }
      celebrations(period: "2026-01", first: 100) { reason }
      children { ...Value children { ...Value children { ...Value children { ...Value } } } }
      teams: descendants(level: TEAM) { ...Value scorecard(period: "2026-Q1") { kpi { key } value tier reporting expected } }
    }
  }`;

/** Statements the server runs to answer the walk over a tree of the given shape, with data in every team. */
async function statementsForWalk(
  services: number,
  teamsPerService: number,
): Promise<{ statements: number; teams: number }> {
  let counting = false;
  let statements = 0;
  const test = await startTestServer({}, { onQuery: () => void (counting && statements++) });
  try {
    const units = treeOf(services, teamsPerService);
    await createUnits(test, units);
    const contributor = await test.token(['CONTRIBUTOR']);
    const teams = units.filter((unit) => unit.level === 'TEAM');
    for (const team of teams)
      await test.graphql(SUBMIT, { input: followUp(team.code, '2026-01', 9, 10, 4) }, contributor);

    const scopedViewer = await test.token(['VIEWER'], ['SYS']);
    // The attention lists read facts worked out in the background: count the reads, not that work.
    await factsWorkedOut(test.server);
    counting = true;
    const result = await test.graphql<{ orgUnit: { teams: unknown[] } }>(WALK, {}, scopedViewer);
    counting = false;
    expect(result.errors).toBeUndefined();
    expect(result.data!.orgUnit.teams).toHaveLength(teams.length);
    return { statements, teams: teams.length };
  } finally {
    await test.stop();
  }
}

it('reads values, charts, companions, stories and the attention lists from the system down in a number of statements that does not grow with the tree', async () => {
  const small = await statementsForWalk(2, 2);
  const large = await statementsForWalk(5, 6);
  expect(large.teams).toBe(7.5 * small.teams);
  expect(small.statements).toBeGreaterThan(0);
  expect(large.statements).toBe(small.statements);
});
