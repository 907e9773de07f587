import { factsWorkedOut } from './support/facts-worked-out';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

interface Page {
  edges: { cursor: string; node: Record<string, unknown> }[];
  nodes: Record<string, unknown>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

let test: TestServer;
let viewer: string;
beforeAll(async () => {
  test = await startTestServer({ demoSeed: true });
  viewer = await test.token(['VIEWER']);
  await factsWorkedOut(test.server);
});
afterAll(() => test.stop());

async function read<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const { data, errors } = await test.graphql<Data>(query, variables, viewer);
  expect(errors).toBeUndefined();
  return data!;
}

/** Every page of a connection, `first` at a time, following each page's endCursor to the end. */
async function everyPage(query: string, pick: (data: Record<string, unknown>) => Page, first: number) {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const page: Page = pick(await read<Record<string, unknown>>(query, { first, after }));
    pages.push(page);
    expect(page.nodes).toEqual(page.edges.map((edge) => edge.node));
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return pages;
}

const PAGE = 'edges { cursor node { ...item } } nodes { ...item } pageInfo { hasNextPage endCursor }';

describe('connections page through the same lists as the list fields', () => {
  it('orgUnitsConnection: every unit of a level, in the order orgUnits gives', async () => {
    const { orgUnits } = await read<{ orgUnits: { code: string }[] }>('{ orgUnits(level: TEAM) { code } }');
    const pages = await everyPage(
      `query ($first: Int!, $after: String) { orgUnitsConnection(level: TEAM, first: $first, after: $after) { ${PAGE} } }
       fragment item on OrgUnit { code }`,
      (data) => data.orgUnitsConnection as Page,
      4,
    );
    expect(orgUnits.length).toBeGreaterThan(8);
    expect(pages.flatMap((page) => page.nodes)).toEqual(orgUnits);
    expect(pages.slice(0, -1).every((page) => page.nodes.length === 4)).toBe(true);
  });

  it('descendantsConnection: every unit below, top-down, as descendants gives', async () => {
    const { orgUnit } = await read<{ orgUnit: { descendants: { code: string }[] } }>(
      '{ orgUnit(code: "RNM") { descendants { code } } }',
    );
    const pages = await everyPage(
      `query ($first: Int!, $after: String) { orgUnit(code: "RNM") { descendantsConnection(first: $first, after: $after) { ${PAGE} } } }
       fragment item on OrgUnit { code }`,
      (data) => (data.orgUnit as { descendantsConnection: Page }).descendantsConnection,
      7,
    );
    expect(pages.flatMap((page) => page.nodes)).toEqual(orgUnit.descendants);
  });

  it('storiesConnection: the stories of a year, newest first', async () => {
    const { orgUnit } = await read<{ orgUnit: { stories: { id: string }[] } }>(
      '{ orgUnit(code: "QNS") { stories(period: "FY2025", descendants: true) { id } } }',
    );
    const pages = await everyPage(
      `query ($first: Int!, $after: String) { orgUnit(code: "QNS") {
         storiesConnection(period: "FY2025", descendants: true, first: $first, after: $after) { ${PAGE} } } }
       fragment item on Story { id }`,
      (data) => (data.orgUnit as { storiesConnection: Page }).storiesConnection,
      2,
    );
    expect(orgUnit.stories.length).toBeGreaterThan(2);
    expect(pages.flatMap((page) => page.nodes)).toEqual(orgUnit.stories);
  });

  it('attentionConnection: the ranking of attention, a page at a time', async () => {
    const { orgUnit } = await read<{
      orgUnit: { attention: { kpi: { key: string }; orgUnit: { code: string } }[] };
    }>(
      '{ orgUnit(code: "QNS") { attention(period: "2026-03", first: 100) { kpi { key } orgUnit { code } } } }',
    );
    const pages = await everyPage(
      `query ($first: Int!, $after: String) { orgUnit(code: "QNS") {
         attentionConnection(period: "2026-03", first: $first, after: $after) { ${PAGE} } } }
       fragment item on AttentionItem { kpi { key } orgUnit { code } }`,
      (data) => (data.orgUnit as { attentionConnection: Page }).attentionConnection,
      3,
    );
    expect(orgUnit.attention.length).toBeGreaterThan(3);
    expect(pages.flatMap((page) => page.nodes)).toEqual(orgUnit.attention);
  });

  it('observationsConnection: the versions of one month, newest first', async () => {
    const writer = await test.token(['CONTRIBUTOR']);
    for (const followedUp of [7, 8, 9]) {
      const submitted = await test.graphql(
        `mutation { submitObservation(input: { kpi: "seven-day-follow-up", orgUnit: "RNM-ADULT-WARD-ROWAN", period: "2026-04",
           values: [{ name: "followedUp", value: ${followedUp} }, { name: "discharged", value: 10 }, { name: "assessed", value: 5 }] }) { version } }`,
        {},
        writer,
      );
      expect(submitted.errors).toBeUndefined();
    }
    const pages = await everyPage(
      `query ($first: Int!, $after: String) { orgUnit(code: "RNM-ADULT-WARD-ROWAN") {
         observationsConnection(kpi: "seven-day-follow-up", period: "2026-04", first: $first, after: $after) { ${PAGE} } } }
       fragment item on Observation { version }`,
      (data) => (data.orgUnit as { observationsConnection: Page }).observationsConnection,
      2,
    );
    expect(pages.flatMap((page) => page.nodes)).toEqual([{ version: 3 }, { version: 2 }, { version: 1 }]);
  });
});

describe('a bad page is refused, naming the argument', () => {
  it.each([
    ['first: 0', 'first'],
    ['first: 501', 'first'],
    ['after: "not-a-cursor"', 'after'],
    // A cursor of another list: a place in a ranking is not a path.
    [`after: "${Buffer.from('[3]').toString('base64url')}"`, 'after'],
  ])('%s', async (page, field) => {
    const { data, errors } = await test.graphql(
      `{ orgUnitsConnection(${page}) { nodes { code } } }`,
      {},
      viewer,
    );
    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }),
    ]);
  });
});
