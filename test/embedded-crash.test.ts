import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Tokens } from '../server/transport/auth/tokens';
import { postGraphQL } from './support/post-graphql';
import { killedWhen, spawnServer } from './support/spawn-server';
import type { SpawnedServer } from './support/spawn-server';

const SECRET = 'embedded-crash-test-secret-of-enough-length';
const KPI = 'mandatory-training-compliance';
const TEAMS = ['T1', 'T2', 'T3'];
const MONTHS = ['2026-01', '2026-02'];
/** Moments into a start at which it is killed: spread over making the database, migrating and starting up. */
const START_KILLS_MS = [150, 700, 1_500, 2_500];
/** Writes acknowledged before each kill; the next is in flight when it comes. */
const ACKNOWLEDGED_BEFORE_KILL = [7, 16];

interface Submission {
  team: string;
  period: string;
  compliant: number;
  staff: number;
}

let parent: string;
beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'progress-crash-'));
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

it('keeps a working database and every acknowledged write through kill -9 at any moment', async () => {
  const env = { DATA_DIR: path.join(parent, 'data'), DATABASE_URL: '', JWT_SECRET: SECRET };
  const tokens = new Tokens(SECRET);
  const admin = await tokens.issue({ sub: 'crash-admin', roles: ['ADMIN'], orgUnits: ['*'] });
  const contributor = await tokens.issue({ sub: 'crash-writer', roles: ['CONTRIBUTOR'], orgUnits: ['*'] });

  for (const afterMs of START_KILLS_MS) {
    const started = performance.now();
    // False only if the server exited by itself, which a crash-safe start never does.
    expect(await killedWhen(env, () => performance.now() - started >= afterMs)).toBe(true);
  }

  let server: SpawnedServer = await spawnServer(env);
  const units = [
    'code: "SYS", name: "System", level: SYSTEM',
    'code: "ORG", name: "Trust", level: ORGANISATION, parentCode: "SYS"',
    ...TEAMS.map((team) => `code: "${team}", name: "Team ${team}", level: TEAM, parentCode: "ORG"`),
  ];
  for (const unit of units) {
    const created = await postGraphQL(
      server.url,
      `mutation { createOrgUnit(input: { ${unit} }) { code } }`,
      {},
      admin,
    );
    expect(created.errors).toBeUndefined();
  }

  const acknowledged: Submission[] = [];
  let next = 0;
  const submit = (at: SpawnedServer) => {
    const submission: Submission = {
      team: TEAMS[next % TEAMS.length]!,
      period: MONTHS[Math.floor(next / TEAMS.length) % MONTHS.length]!,
      compliant: 40 + ((next * 7) % 60),
      staff: 100,
    };
    next++;
    return postGraphQL(
      at.url,
      `mutation { submitObservation(input: { kpi: "${KPI}", orgUnit: "${submission.team}", period: "${submission.period}",
         values: [{ name: "compliant", value: ${submission.compliant} }, { name: "staff", value: ${submission.staff} }] }) { version } }`,
      {},
      contributor,
    ).then((result) => {
      if (!result.errors) acknowledged.push(submission);
      return result;
    });
  };

  for (const count of ACKNOWLEDGED_BEFORE_KILL) {
    const target = acknowledged.length + count;
    while (acknowledged.length < target) expect((await submit(server)).errors).toBeUndefined();
    // Killed with the next writes on their way: they may or may not be kept, but nothing acknowledged may go.
    const inFlight = [submit(server), submit(server)].map((write) => write.catch(() => null));
    await server.kill();
    await Promise.all(inFlight);
    server = await spawnServer(env);
  }

  try {
    const latestCompliant = new Map<string, number>();
    for (const team of TEAMS) {
      for (const period of MONTHS) {
        const stored = await postGraphQL<{
          orgUnit: { observations: { values: { name: string; value: number }[] }[] };
        }>(
          server.url,
          `{ orgUnit(code: "${team}") { observations(kpi: "${KPI}", period: "${period}") { values { name value } } } }`,
          {},
          contributor,
        );
        expect(stored.errors).toBeUndefined();
        const versions = stored.data!.orgUnit.observations.map((observation) =>
          Object.fromEntries(observation.values.map((value) => [value.name, value.value])),
        );
        if (versions[0]) latestCompliant.set(`${team} ${period}`, versions[0].compliant!);
        const mine = acknowledged.filter((write) => write.team === team && write.period === period);
        // Newest first: every acknowledged version is there, in order, with at most the unacknowledged ones between.
        const compliantStored = versions.map((values) => values.compliant).reverse();
        let from = 0;
        for (const write of mine) {
          from = compliantStored.indexOf(write.compliant, from);
          expect(from).toBeGreaterThanOrEqual(0);
          from++;
        }
      }
    }

    // The roll-ups are exact: each unit reads the sum of its teams' latest stored versions.
    for (const period of MONTHS) {
      const result = await postGraphQL<
        Record<string, { scorecard: { kpi: { key: string }; value: number | null }[] }>
      >(
        server.url,
        `{ ${['SYS', ...TEAMS].map((code) => `${code}: orgUnit(code: "${code}") { scorecard(period: "${period}") { kpi { key } value } }`).join(' ')} }`,
        {},
        contributor,
      );
      expect(result.errors).toBeUndefined();
      const valueAt = (code: string) =>
        result.data![code]!.scorecard.find((value) => value.kpi.key === KPI)!.value;
      const latest = TEAMS.flatMap((team) => latestCompliant.get(`${team} ${period}`) ?? []);
      for (const team of TEAMS) expect(valueAt(team)).toBe(latestCompliant.get(`${team} ${period}`) ?? null);
      // Every version has 100 staff: the system's share is the mean of its teams' compliant counts.
      expect(valueAt('SYS')).toBeCloseTo(latest.reduce((sum, value) => sum + value, 0) / latest.length, 6);
    }
  } finally {
    await server.stop();
  }
});
