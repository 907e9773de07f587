import { createUnits, treeOf } from './support/build-tree';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const CREATE = `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code name level tags parent { code } } }`;

let test: TestServer;
let admin: string;

beforeAll(async () => {
  test = await startTestServer();
  admin = await test.token(['ADMIN']);
  await createUnits(test, [
    ...treeOf(2, 2),
    { code: 'SVC1-T1-P1', level: 'INDIVIDUAL', parentCode: 'SVC1-T1' },
    { code: 'ORG2', level: 'ORGANISATION', parentCode: 'SYS' },
  ]);
});
afterAll(() => test.stop());

async function unitCount(): Promise<number> {
  const [row] = await test.server.database.orm.em
    .fork()
    .execute<{ count: string }[]>('select count(*) from org_unit');
  return Number(row!.count);
}

describe('creating org units', () => {
  it('adds a unit under an existing parent of a higher level', async () => {
    const result = await test.graphql(
      CREATE,
      {
        input: {
          code: 'SVC2-T3',
          name: 'Willow Ward',
          level: 'TEAM',
          parentCode: 'SVC2',
          tags: ['inpatient'],
        },
      },
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      createOrgUnit: {
        code: 'SVC2-T3',
        name: 'Willow Ward',
        level: 'TEAM',
        tags: ['inpatient'],
        parent: { code: 'SVC2' },
      },
    });
  });

  it.each([
    ['a code already taken', { code: 'SVC1', level: 'SERVICE', parentCode: 'DIR' }, 'code'],
    ['a code that is not ODS-style', { code: 'svc 9', level: 'SERVICE', parentCode: 'DIR' }, 'code'],
    ['an empty name', { code: 'SVC9', name: '  ', level: 'SERVICE', parentCode: 'DIR' }, 'name'],
    ['a parent that does not exist', { code: 'SVC9', level: 'SERVICE', parentCode: 'NOPE' }, 'parentCode'],
    ['a parent of the same level', { code: 'SVC9', level: 'SERVICE', parentCode: 'SVC1' }, 'parentCode'],
    ['a parent of a lower level', { code: 'DIR9', level: 'DIRECTORATE', parentCode: 'SVC1' }, 'parentCode'],
    ['a team with no parent', { code: 'T9', level: 'TEAM' }, 'parentCode'],
    [
      'a tag that is not lower-case words',
      { code: 'T9', level: 'TEAM', parentCode: 'SVC1', tags: ['In Patient'] },
      'tags',
    ],
    [
      'a name of 201 characters',
      { code: 'SVC9', name: 'n'.repeat(201), level: 'SERVICE', parentCode: 'DIR' },
      'name',
    ],
    [
      'more than 20 tags',
      {
        code: 'T9',
        level: 'TEAM',
        parentCode: 'SVC1',
        tags: Array.from({ length: 21 }, (_, i) => `tag-${i}`),
      },
      'tags',
    ],
    [
      'a tag over 64 characters',
      { code: 'T9', level: 'TEAM', parentCode: 'SVC1', tags: ['t'.repeat(65)] },
      'tags',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, input, field) => {
    const before = await unitCount();
    const result = await test.graphql(CREATE, { input: { name: 'A unit', ...input } }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message.startsWith(`${field}: `)).toBe(true);
    expect(await unitCount()).toBe(before);
  });

  it('refuses an unknown level through the schema before anything runs', async () => {
    const result = await test.graphql(
      CREATE,
      { input: { code: 'X1', name: 'X', level: 'WARD', parentCode: 'SVC1' } },
      admin,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/level/);
  });
});

describe('walking the tree', () => {
  it('reads parent, children, ancestors (top first) and descendants by level', async () => {
    const result = await test.graphql<{ orgUnit: Record<string, unknown>; system: Record<string, unknown> }>(
      `{
      orgUnit(code: "SVC1-T1") {
        parent { code }
        children { code level }
        ancestors { code level }
      }
      system: orgUnit(code: "SYS") {
        children { code }
        teams: descendants(level: TEAM) { code }
        everything: descendants { code }
      }
    }`,
      {},
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.orgUnit).toEqual({
      parent: { code: 'SVC1' },
      children: [{ code: 'SVC1-T1-P1', level: 'INDIVIDUAL' }],
      ancestors: [
        { code: 'SYS', level: 'SYSTEM' },
        { code: 'ORG', level: 'ORGANISATION' },
        { code: 'DIR', level: 'DIRECTORATE' },
        { code: 'SVC1', level: 'SERVICE' },
      ],
    });
    expect(result.data!.system.children).toEqual([{ code: 'ORG' }, { code: 'ORG2' }]);
    expect((result.data!.system.teams as { code: string }[]).map((unit) => unit.code).sort()).toEqual([
      'SVC1-T1',
      'SVC1-T2',
      'SVC2-T1',
      'SVC2-T2',
      'SVC2-T3',
    ]);
    expect((result.data!.system.everything as unknown[]).length).toBe((await unitCount()) - 1);
  });

  it('lists units by level and finds none for an unknown code', async () => {
    const result = await test.graphql<{ orgUnits: { code: string }[]; orgUnit: null }>(
      '{ orgUnits(level: SERVICE) { code } orgUnit(code: "NOWHERE") { code } }',
      {},
      admin,
    );
    expect(result.data).toEqual({ orgUnits: [{ code: 'SVC1' }, { code: 'SVC2' }], orgUnit: null });
  });
});
