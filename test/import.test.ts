import { Access } from '../server/engine/access/access';
import type { Viewer } from '../server/engine/access/viewer';
import { importObservations } from '../server/storage/import/import-observations';
import type { ReadRow } from '../server/storage/import/read-import-rows';
import { monthsBetween } from '../server/engine/kpi/period';
import { rebuildRollups } from '../server/storage/kpi/rollups';
import { createUnits, treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import type { LiveConnection } from './support/live-client';
import { SUBMIT, followUp } from './support/operations';
import { byKey, recomputeRollups, storedRollups } from './support/recompute-rollups';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';
import { tableCounts } from './support/table-counts';

const IMPORT = `
  mutation Import($input: ImportObservationsInput!) {
    importObservations(input: $input) {
      dryRun committed rows created corrected unchanged valuesChanged summary
      problems { line field code message }
    }
  }`;

const HEADER = 'kpi,orgUnit,period,followedUp,discharged,assessed,fteDaysLost,fteDaysAvailable';

let test: TestServer;
let contributor: string;
const connections: LiveConnection[] = [];

beforeAll(async () => {
  test = await startTestServer({}, { now: () => new Date('2026-06-15T12:00:00Z') });
  await createUnits(test, [
    ...treeOf(2, 3),
    { code: 'SVC2-T4', level: 'TEAM', parentCode: 'SVC2', tags: ['community'] },
  ]);
  contributor = await test.token(['CONTRIBUTOR']);
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
});
afterAll(() => test.stop());

interface ImportResponse {
  status: number;
  body: {
    committed: boolean;
    dryRun: boolean;
    rows: number;
    created: number;
    corrected: number;
    unchanged: number;
    problems: { line: number; field: string; code: string; message: string }[];
    summary: string;
    errors?: { message: string; extensions: { code: string } }[];
  };
}

async function postImport(
  body: string,
  {
    token = contributor,
    type = 'text/csv',
    dryRun = false,
  }: { token?: string | null; type?: string; dryRun?: boolean } = {},
): Promise<ImportResponse> {
  const response = await fetch(
    test.server.url.replace(/\/graphql$/, `/import${dryRun ? '?dryRun=true' : ''}`),
    {
      method: 'POST',
      headers: { 'content-type': type, ...(token && { authorization: `Bearer ${token}` }) },
      body,
    },
  );
  return { status: response.status, body: (await response.json()) as ImportResponse['body'] };
}

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const followUpRow = (team: string, month: string, followed: number, discharged: number, assessed: number) =>
  `seven-day-follow-up,${team},${month},${followed},${discharged},${assessed},,`;
const sicknessRow = (team: string, month: string, lost: number, available: number) =>
  `staff-sickness-absence,${team},${month},,,,${lost},${available}`;

describe('POST /import', () => {
  it('stores a file over an existing history exactly: every roll-up matches a recomputation from the observations', async () => {
    for (const [team, month, followed] of [
      ['SVC1-T1', '2026-01', 15],
      ['SVC1-T1', '2026-03', 16],
      ['SVC1-T2', '2026-01', 12],
      ['SVC2-T1', '2026-02', 18],
    ] as const) {
      const result = await test.graphql(
        SUBMIT,
        { input: followUp(team, month, followed, 20, followed) },
        contributor,
      );
      expect(result.errors).toBeUndefined();
    }

    const file = csv(
      // A gap filled (SVC1-T1 February), a correction, an unchanged row, new months and a second KPI.
      followUpRow('SVC1-T1', '2026-02', 14, 20, 10),
      followUpRow('SVC1-T1', '2026-03', 17, 20, 17),
      followUpRow('SVC1-T2', '2026-01', 12, 20, 12),
      followUpRow('SVC1-T2', '2026-02', 11, 19, 5),
      followUpRow('SVC1-T3', '2026-02', 9, 9, 9),
      followUpRow('SVC2-T1', '2026-01', 20, 22, 19),
      followUpRow('SVC2-T2', '2026-04', 7, 8, 8 - 2),
      sicknessRow('SVC1-T1', '2026-02', 12.5, 400),
      sicknessRow('SVC2-T4', '2026-02', 3.25, 180.5),
    );
    const { status, body } = await postImport(file);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      committed: true,
      rows: 9,
      created: 7,
      corrected: 1,
      unchanged: 1,
      problems: [],
    });

    const em = test.server.database.orm.em.fork();
    const stored = byKey(await storedRollups(em));
    expect(stored).toEqual(byKey(await recomputeRollups(em)));
    // A rebuild from the observations, level by level, reads the same.
    await em.transactional((tx) => rebuildRollups(tx));
    expect(byKey(await storedRollups(em))).toEqual(stored);
  });

  it('writes nothing when any row is refused, and reports every refused row by line, field and code', async () => {
    const scoped = await test.token(['CONTRIBUTOR'], ['SVC1']);
    const before = await tableCounts(test.server);
    const file = csv(
      followUpRow('SVC1-T1', '2026-05', 10, 12, 10),
      'no-such-kpi,SVC1-T1,2026-05,1,1,1,,',
      followUpRow('NOWHERE', '2026-05', 1, 1, 1),
      followUpRow('SVC1', '2026-05', 1, 1, 1),
      followUpRow('SVC1-T2', '2026-07', 1, 1, 1),
      followUpRow('SVC1-T3', '2026-13', 1, 1, 1),
      'seven-day-follow-up,SVC1-T2,2026-05,ten,12,3,,',
      'seven-day-follow-up,SVC1-T2,2026-04,1,2,,,',
      followUpRow('SVC1-T3', '2026-05', 13, 12, 3),
      followUpRow('SVC2-T1', '2026-05', 3, 4, 3),
      followUpRow('SVC1-T1', '2026-05', 11, 12, 10),
      sicknessRow('SVC1-T1', '2026-05', 2.5, -1),
    );
    const { status, body } = await postImport(file, { token: scoped });
    expect(status).toBe(422);
    expect(body.committed).toBe(false);
    expect(body.problems.map(({ line, field, code }) => ({ line, field, code }))).toEqual([
      { line: 3, field: 'kpi', code: 'BAD_USER_INPUT' },
      { line: 4, field: 'orgUnit', code: 'BAD_USER_INPUT' },
      { line: 5, field: 'orgUnit', code: 'BAD_USER_INPUT' },
      { line: 6, field: 'period', code: 'BAD_USER_INPUT' },
      { line: 7, field: 'period', code: 'BAD_USER_INPUT' },
      { line: 8, field: 'values.followedUp', code: 'BAD_USER_INPUT' },
      { line: 9, field: 'values.assessed', code: 'BAD_USER_INPUT' },
      { line: 10, field: 'values', code: 'BAD_USER_INPUT' },
      { line: 11, field: 'orgUnit', code: 'FORBIDDEN' },
      { line: 12, field: 'period', code: 'BAD_USER_INPUT' },
      { line: 13, field: 'values.fteDaysAvailable', code: 'BAD_USER_INPUT' },
    ]);
    expect(body.problems.find((problem) => problem.line === 12)!.message).toMatch(/already on line 2/);
    expect(body.problems.find((problem) => problem.line === 10)!.message).toMatch(
      /followedUp cannot exceed discharged/,
    );
    expect(body.summary).toMatch(/11 refused, so nothing was written/);
    expect(await tableCounts(test.server)).toEqual(before);
  });

  it('writes nothing new when the same file comes twice, and says so', async () => {
    const file = csv(followUpRow('SVC2-T3', '2026-03', 5, 6, 5), sicknessRow('SVC2-T3', '2026-03', 1, 100));
    const first = await postImport(file);
    expect(first.body).toMatchObject({ committed: true, created: 2 });
    const before = await tableCounts(test.server);
    const second = await postImport(file);
    expect(second.body).toMatchObject({ committed: true, created: 0, corrected: 0, unchanged: 2 });
    expect(second.body.summary).toMatch(/already stored: nothing new was written/);
    expect(await tableCounts(test.server)).toEqual(before);
  });

  it('checks and counts on a dry run, and writes nothing', async () => {
    const before = await tableCounts(test.server);
    const { status, body } = await postImport(csv(followUpRow('SVC2-T3', '2026-04', 5, 6, 5)), {
      dryRun: true,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, committed: false, created: 1, problems: [] });
    expect(await tableCounts(test.server)).toEqual(before);
  });

  it('reads JSON Lines as it reads CSV', async () => {
    const lines = [
      {
        kpi: 'seven-day-follow-up',
        orgUnit: 'SVC2-T2',
        period: '2026-05',
        followedUp: 4,
        discharged: 4,
        assessed: 4,
      },
      {
        kpi: 'staff-sickness-absence',
        orgUnit: 'SVC2-T2',
        period: '2026-05',
        fteDaysLost: 2,
        fteDaysAvailable: 50,
      },
      {
        kpi: 'staff-sickness-absence',
        orgUnit: 'SVC2-T2',
        period: '2026-04',
        fteDaysLost: '2',
        fteDaysAvailable: 50,
      },
    ];
    const refused = await postImport(lines.map((line) => JSON.stringify(line)).join('\n'), {
      type: 'application/x-ndjson',
    });
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'values.fteDaysLost', code: 'BAD_USER_INPUT' }),
    ]);
    const stored = await postImport(
      lines
        .slice(0, 2)
        .map((line) => JSON.stringify(line))
        .join('\n'),
      { type: 'application/x-ndjson' },
    );
    expect(stored.body).toMatchObject({ committed: true, created: 2 });
  });

  it('refuses a reader or no token at all, and a body in another format', async () => {
    const reader = await test.token(['VIEWER']);
    const file = csv(followUpRow('SVC2-T3', '2026-05', 5, 6, 5));
    expect((await postImport(file, { token: reader })).body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await postImport(file, { token: null })).status).toBe(401);
    expect((await postImport(file, { type: 'application/json' })).status).toBe(415);
  });

  it('sends a live subscriber one event per unit, KPI and month the import moved, after it commits', async () => {
    const live = connectLive(test.server.url, contributor);
    connections.push(live);
    const watching = ['SYS', 'SVC1', 'SVC2'].map((code) => ({
      code,
      subscription: live.subscribe(
        `subscription Watch($unit: String!) {
           kpiValueChanged(orgUnit: $unit, kpis: ["seven-day-follow-up"], period: "2026-05", initial: true) {
             orgUnit { code } period reporting inputs { name value }
           }
         }`,
        { unit: code },
      ),
    }));
    for (const { subscription } of watching) await subscription.received(1);

    const { body } = await postImport(
      csv(
        followUpRow('SVC1-T1', '2026-05', 10, 10, 10),
        followUpRow('SVC1-T2', '2026-05', 8, 10, 8),
        followUpRow('SVC1-T3', '2026-05', 6, 10, 6),
        sicknessRow('SVC1-T3', '2026-05', 1, 10),
      ),
    );
    expect(body.committed).toBe(true);
    // SVC2-T2's May was stored before this import: SYS reads it too.
    const [, toSystem] = await watching[0]!.subscription.received(2);
    const [, toService] = await watching[1]!.subscription.received(2);
    await settle();
    expect(watching.map(({ subscription }) => subscription.results.length)).toEqual([2, 2, 1]);
    expect(toService!.data).toEqual({
      kpiValueChanged: {
        orgUnit: { code: 'SVC1' },
        period: '2026-05',
        reporting: 3,
        inputs: [
          { name: 'followedUp', value: 24 },
          { name: 'discharged', value: 30 },
          { name: 'assessed', value: 24 },
        ],
      },
    });
    expect(toSystem!.data).toMatchObject({ kpiValueChanged: { orgUnit: { code: 'SYS' }, reporting: 4 } });
  });
});

describe('importObservations', () => {
  it('takes rows as submitObservation takes its input, with the same checks', async () => {
    const result = await test.graphql<{ importObservations: ImportResponse['body'] }>(
      IMPORT,
      {
        input: {
          rows: [followUp('SVC2-T3', '2026-05', 4, 5, 4), followUp('SVC2-T4', '2026-05', 4, 5, 4)],
        },
      },
      contributor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.importObservations).toMatchObject({
      committed: false,
      problems: [{ line: 2, field: 'orgUnit', code: 'BAD_USER_INPUT' }],
    });
    expect(result.data!.importObservations.problems[0]!.message).toMatch(/applies to units tagged inpatient/);
  });

  it('is bounded: more rows than it takes is refused naming the field', async () => {
    const rows = Array.from({ length: 5_001 }, () => followUp('SVC2-T3', '2026-05', 4, 5, 4));
    const result = await test.graphql(IMPORT, { input: { rows } }, contributor);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'rows' } });
  });
});

describe('the import engine', () => {
  const administrator: Viewer = {
    subject: 'import:test',
    roles: ['ADMIN'],
    orgUnits: ['*'],
    anonymous: false,
  };
  const teams = treeOf(2, 3).filter((unit) => unit.level === 'TEAM');
  const months = monthsBetween('2001-01', '2025-12');

  it('lets other work run while it checks rows that come faster than it checks them', async () => {
    let turns = 0;
    let counting = true;
    const countTurns = () => {
      turns += 1;
      if (counting) setImmediate(countTurns);
    };
    const turnsAt: number[] = [];
    // Every row is ready at once, as when the file is read faster than it is checked.
    async function* readyRows(): AsyncGenerator<ReadRow> {
      let line = 1;
      for (const team of teams)
        for (const month of months) {
          line += 1;
          if (line === 2) turnsAt.push(turns);
          yield { line, request: followUp(team.code, month, 1, 2, 1) };
        }
      turnsAt.push(turns);
    }

    setImmediate(countTurns);
    try {
      const report = await importObservations(
        {
          em: test.server.database.orm.em.fork(),
          registry: test.server.registry,
          access: new Access(administrator, async () => []),
          now: new Date('2026-06-15T12:00:00Z'),
        },
        readyRows(),
        { dryRun: true },
      );
      expect(report).toMatchObject({ rows: teams.length * months.length, problemCount: 0 });
    } finally {
      counting = false;
    }
    // A turn every few hundred rows: a request arriving meanwhile waits for a slice, not the file.
    expect(turnsAt[1]! - turnsAt[0]!).toBeGreaterThanOrEqual(3);
  });
});
