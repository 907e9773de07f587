import { SignJWT } from 'jose';
import { createUnits, treeOf } from './support/build-tree';
import { KPI_VALUE, SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { TEST_JWT_SECRET, startTestServer } from './support/test-server';

const CREATE = `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`;

async function storedCounts(test: TestServer) {
  const [row] = await test.server.database.orm.em
    .fork()
    .execute<{ observations: string; units: string; rollups: string }[]>(
      'select (select count(*) from observation) as observations, (select count(*) from org_unit) as units, (select count(*) from rollup) as rollups',
    );
  return row;
}

describe('with JWT_SECRET set', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer();
    await createUnits(test, treeOf(2, 1));
  });
  afterAll(() => test.stop());

  it.each([
    ['no token', null],
    ['a token signed with another secret', 'other'],
    ['an expired token', 'expired'],
    ['a token with no roles claim', 'no-roles'],
    ['a malformed token', 'garbage'],
  ])('refuses every request with %s as UNAUTHENTICATED', async (_case, kind) => {
    const sign = (secret: string, claims: Record<string, unknown>, expires: number | string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setExpirationTime(expires)
        .sign(new TextEncoder().encode(secret));
    const tokens: Record<string, () => Promise<string | null>> = {
      other: () => sign('a-different-secret-entirely', { roles: ['ADMIN'], orgUnits: ['*'] }, '1h'),
      expired: () =>
        sign(TEST_JWT_SECRET, { roles: ['ADMIN'], orgUnits: ['*'] }, Math.floor(Date.now() / 1000) - 60),
      'no-roles': () => sign(TEST_JWT_SECRET, { orgUnits: ['*'] }, '1h'),
      garbage: async () => 'not.a.token',
    };
    const token = kind ? await tokens[kind]!() : null;
    const result = await test.graphql('{ kpis { key } }', {}, token);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('lets a contributor submit only within the subtrees of their units', async () => {
    const contributor = await test.token(['CONTRIBUTOR'], ['SVC1']);
    const inside = await test.graphql(
      SUBMIT,
      { input: followUp('SVC1-T1', '2026-01', 1, 1, 1) },
      contributor,
    );
    expect(inside.errors).toBeUndefined();

    const before = await storedCounts(test);
    const outside = await test.graphql(
      SUBMIT,
      { input: followUp('SVC2-T1', '2026-01', 1, 1, 1) },
      contributor,
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(outside.errors?.[0]?.message).toMatch(/SVC2-T1/);
    expect(await storedCounts(test)).toEqual(before);
  });

  it('refuses a submission from a viewer, and an org unit from a contributor, as FORBIDDEN, writing nothing', async () => {
    const before = await storedCounts(test);
    const viewer = await test.token(['VIEWER']);
    const submitted = await test.graphql(SUBMIT, { input: followUp('SVC1-T1', '2026-02', 1, 1, 1) }, viewer);
    expect(submitted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const contributor = await test.token(['CONTRIBUTOR']);
    const created = await test.graphql(
      CREATE,
      { input: { code: 'NEW', name: 'New', level: 'TEAM', parentCode: 'SVC1' } },
      contributor,
    );
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await storedCounts(test)).toEqual(before);
  });

  it('lets an admin add units only under their own units, and a whole-tree admin add a top-level one', async () => {
    const scopedAdmin = await test.token(['ADMIN'], ['SVC1']);
    const under = await test.graphql(
      CREATE,
      { input: { code: 'SVC1-T9', name: 'T9', level: 'TEAM', parentCode: 'SVC1' } },
      scopedAdmin,
    );
    expect(under.errors).toBeUndefined();
    const elsewhere = await test.graphql(
      CREATE,
      { input: { code: 'SVC2-T9', name: 'T9', level: 'TEAM', parentCode: 'SVC2' } },
      scopedAdmin,
    );
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const topLevel = await test.graphql(
      CREATE,
      { input: { code: 'SYS2', name: 'Another system', level: 'SYSTEM' } },
      scopedAdmin,
    );
    expect(topLevel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const admin = await test.token(['ADMIN']);
    const root = await test.graphql(
      CREATE,
      { input: { code: 'SYS2', name: 'Another system', level: 'SYSTEM' } },
      admin,
    );
    expect(root.errors).toBeUndefined();
  });

  it('shows KPI values only within the viewer’s units', async () => {
    const viewer = await test.token(['VIEWER'], ['SVC1']);
    const own = await test.graphql(
      KPI_VALUE,
      { code: 'SVC1', kpi: 'seven-day-follow-up', period: '2026-01' },
      viewer,
    );
    expect(own.errors).toBeUndefined();
    const other = await test.graphql(
      KPI_VALUE,
      { code: 'SVC2', kpi: 'seven-day-follow-up', period: '2026-01' },
      viewer,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the demo, with no JWT_SECRET', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ jwtSecret: undefined });
  });
  afterAll(() => test.stop());

  it('prints a whole-tree token per role, lets anyone read, and needs a token to write', async () => {
    const tokens = test.server.demoTokens!;
    expect(Object.keys(tokens)).toEqual(['VIEWER', 'CONTRIBUTOR', 'MANAGER', 'ADMIN']);

    const read = await test.graphql<{ kpis: unknown[] }>('{ kpis { key } }');
    expect(read.errors).toBeUndefined();
    expect(read.data!.kpis.length).toBeGreaterThanOrEqual(10);

    const input = { code: 'DEMO', name: 'Demo system', level: 'SYSTEM' };
    const anonymous = await test.graphql(CREATE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asAdmin = await test.graphql(CREATE, { input }, tokens.ADMIN);
    expect(asAdmin.errors).toBeUndefined();
  });
});
