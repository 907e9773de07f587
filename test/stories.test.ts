import { createUnits, treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import type { LiveConnection } from './support/live-client';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const STORY = `id kind text author createdAt updatedAt version period kpi { key } orgUnit { code }
  history { version kind text editedBy editedAt }`;
const ADD = `mutation Add($input: AddStoryInput!) { addStory(input: $input) { ${STORY} } }`;
const EDIT = `mutation Edit($input: EditStoryInput!) { editStory(input: $input) { ${STORY} } }`;
const UNIT_STORIES = `
  query UnitStories($code: String!, $period: String!, $kpi: String, $descendants: Boolean) {
    orgUnit(code: $code) { stories(period: $period, kpi: $kpi, descendants: $descendants) { text } }
  }`;
const VALUE_STORIES = `
  query ValueStories($code: String!, $kpi: String!, $period: String!, $descendants: Boolean) {
    orgUnit(code: $code) { kpiValue(kpi: $kpi, period: $period) { stories(descendants: $descendants) { text } } }
  }`;
const STORY_ADDED = `
  subscription StoryAdded($unit: String!) {
    storyAdded(orgUnit: $unit) { text orgUnit { code } kpi { key } history { version } }
  }`;

const FOLLOW_UP = 'seven-day-follow-up';
const TRAINING = 'mandatory-training-compliance';

interface Story {
  id: string;
  kind: string;
  text: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  period: string;
  kpi: { key: string } | null;
  orgUnit: { code: string };
  history: { version: number; kind: string; text: string; editedBy: string; editedAt: string }[];
}

let test: TestServer;
let contributor: string;
let viewer: string;
/** SQL statements seen while `counting` is set. */
const statements: string[] = [];
let counting = false;
const connections: LiveConnection[] = [];

async function add(input: Record<string, unknown>, token = contributor) {
  return test.graphql<{ addStory: Story }>(ADD, { input }, token);
}

async function added(input: Record<string, unknown>): Promise<Story> {
  const result = await add(input);
  expect(result.errors).toBeUndefined();
  return result.data!.addStory;
}

async function edit(input: Record<string, unknown>, token = contributor) {
  return test.graphql<{ editStory: Story }>(EDIT, { input }, token);
}

async function unitStories(
  code: string,
  period: string,
  options: { kpi?: string; descendants?: boolean } = {},
): Promise<string[]> {
  const result = await test.graphql<{ orgUnit: { stories: { text: string }[] } }>(
    UNIT_STORIES,
    { code, period, ...options },
    viewer,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.orgUnit.stories.map((story) => story.text);
}

async function valueStories(code: string, kpi: string, period: string, descendants?: boolean) {
  const result = await test.graphql<{ orgUnit: { kpiValue: { stories: { text: string }[] } } }>(
    VALUE_STORIES,
    { code, kpi, period, descendants },
    viewer,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.orgUnit.kpiValue.stories.map((story) => story.text);
}

/** Every stored story and revision, to prove a rejected request wrote nothing. */
async function storedState() {
  const em = test.server.database.orm.em.fork();
  return {
    stories: await em.execute('select * from story order by id'),
    revisions: await em.execute('select * from story_revision order by id'),
  };
}

function connect(token: string): LiveConnection {
  const connection = connectLive(test.server.url, token);
  connections.push(connection);
  return connection;
}

beforeAll(async () => {
  test = await startTestServer({}, { onQuery: (sql) => void (counting && statements.push(sql)) });
  await createUnits(test, treeOf(2, 2));
  contributor = await test.token(['CONTRIBUTOR'], ['*'], 'ward-manager');
  viewer = await test.token(['VIEWER']);
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
});
afterAll(() => test.stop());

describe('adding and editing a story', () => {
  it('stores a story about a KPI value as version 1, written by the token’s subject', async () => {
    const story = await added({
      orgUnit: 'SVC1-T1',
      period: '2026-01',
      kpi: FOLLOW_UP,
      kind: 'CONTEXT',
      text: '  Two of the calls reached a carer rather than the person discharged.  ',
    });
    expect(story).toMatchObject({
      kind: 'CONTEXT',
      text: 'Two of the calls reached a carer rather than the person discharged.',
      author: 'ward-manager',
      version: 1,
      period: '2026-01',
      kpi: { key: FOLLOW_UP },
      orgUnit: { code: 'SVC1-T1' },
      history: [
        {
          version: 1,
          kind: 'CONTEXT',
          text: 'Two of the calls reached a carer rather than the person discharged.',
          editedBy: 'ward-manager',
          editedAt: story.createdAt,
        },
      ],
    });
    expect(new Date(story.createdAt).toISOString()).toBe(story.createdAt);
    expect(story.updatedAt).toBe(story.createdAt);
  });

  it('stores prose as written, semicolons and quotes included', async () => {
    const text = `We hit the target; we missed the point. "Called" isn't "assessed" -- see 'notes'.`;
    const story = await added({ orgUnit: 'SVC1-T1', period: '2026-01', kind: 'LEARNING', text });
    expect(story).toMatchObject({ text, history: [{ text }] });
  });

  it('stores a story about a unit’s month as a whole, with no KPI', async () => {
    const story = await added({
      orgUnit: 'SVC1',
      period: '2026-01',
      kind: 'CELEBRATION',
      text: 'The service opened its new crisis café this month.',
    });
    expect(story).toMatchObject({ kpi: null, orgUnit: { code: 'SVC1' }, version: 1 });
  });

  it('keeps every earlier version in the history when a story is edited, newest first', async () => {
    const first = await added({
      orgUnit: 'SVC1-T2',
      period: '2026-01',
      kpi: FOLLOW_UP,
      kind: 'ACTION',
      text: 'Calls now include a structured assessment.',
    });
    const editor = await test.token(['MANAGER'], ['SVC1'], 'service-lead');
    const second = await edit(
      { id: first.id, text: 'Calls now include a structured risk assessment.', expectedVersion: 1 },
      editor,
    );
    expect(second.errors).toBeUndefined();
    const third = await edit({ id: first.id, kind: 'LEARNING', expectedVersion: 2 });
    expect(third.errors).toBeUndefined();

    const story = third.data!.editStory;
    expect(story).toMatchObject({
      id: first.id,
      kind: 'LEARNING',
      text: 'Calls now include a structured risk assessment.',
      author: 'ward-manager',
      version: 3,
      createdAt: first.createdAt,
    });
    expect(story.updatedAt >= story.createdAt).toBe(true);
    expect(
      story.history.map(({ version, kind, text, editedBy }) => ({ version, kind, text, editedBy })),
    ).toEqual([
      {
        version: 3,
        kind: 'LEARNING',
        text: 'Calls now include a structured risk assessment.',
        editedBy: 'ward-manager',
      },
      {
        version: 2,
        kind: 'ACTION',
        text: 'Calls now include a structured risk assessment.',
        editedBy: 'service-lead',
      },
      {
        version: 1,
        kind: 'ACTION',
        text: 'Calls now include a structured assessment.',
        editedBy: 'ward-manager',
      },
    ]);
    expect(story.history[0]!.editedAt).toBe(story.updatedAt);
  });

  it('refuses an edit made against a stale version with CONFLICT, writing nothing', async () => {
    const story = await added({
      orgUnit: 'SVC2-T1',
      period: '2026-01',
      kind: 'CONTEXT',
      text: 'First draft.',
    });
    expect((await edit({ id: story.id, text: 'Second draft.', expectedVersion: 1 })).errors).toBeUndefined();

    const before = await storedState();
    const stale = await edit({ id: story.id, text: 'A rival second draft.', expectedVersion: 1 });
    expect(stale.data).toBeNull();
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(stale.errors?.[0]?.message).toMatch(/version 2/);
    expect(await storedState()).toEqual(before);
  });

  it('gives concurrent edits versions in turn: gap-free, and only one of several against the same version', async () => {
    const story = await added({ orgUnit: 'SVC2-T2', period: '2026-01', kind: 'CONTEXT', text: 'Draft 0.' });
    const rivals = await Promise.all(
      [1, 2, 3].map((draft) => edit({ id: story.id, text: `Rival ${draft}.`, expectedVersion: 1 })),
    );
    expect(rivals.filter((result) => !result.errors)).toHaveLength(1);
    expect(rivals.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(2);

    const results = await Promise.all(
      [1, 2, 3, 4].map((draft) => edit({ id: story.id, text: `Draft ${draft}.` })),
    );
    expect(results.every((result) => !result.errors)).toBe(true);
    const versions = results.map((result) => result.data!.editStory.version).sort();
    expect(versions).toEqual([3, 4, 5, 6]);
    const [latest] = results.filter((result) => result.data!.editStory.version === 6);
    expect(latest!.data!.editStory.history.map((revision) => revision.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const story = await added({ orgUnit: 'SVC2-T1', period: '2026-01', kind: 'ACTION', text: 'Unchanged.' });
    const before = await storedState();
    const again = await edit({ id: story.id, text: ' Unchanged. ', kind: 'ACTION' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.editStory).toEqual(story);
    expect(await storedState()).toEqual(before);
  });
});

describe('reading stories', () => {
  // Their own months, so the stories above do not show here.
  beforeAll(async () => {
    const stories = [
      { orgUnit: 'SVC1-T1', period: '2025-11', kpi: FOLLOW_UP, text: 'T1 November follow-up' },
      { orgUnit: 'SVC1-T1', period: '2025-11', text: 'T1 November, the month as a whole' },
      { orgUnit: 'SVC1-T1', period: '2025-11', kpi: TRAINING, text: 'T1 November training' },
      { orgUnit: 'SVC1-T1', period: '2025-12', kpi: FOLLOW_UP, text: 'T1 December follow-up' },
      { orgUnit: 'SVC1', period: '2025-12', kpi: FOLLOW_UP, text: 'SVC1 December follow-up' },
      { orgUnit: 'SVC1-T2', period: '2025-12', kpi: FOLLOW_UP, text: 'T2 December follow-up' },
      { orgUnit: 'SVC2-T1', period: '2025-12', kpi: FOLLOW_UP, text: 'SVC2-T1 December follow-up' },
      { orgUnit: 'SVC1-T1', period: '2026-04', kpi: FOLLOW_UP, text: 'T1 April follow-up' },
    ];
    for (const story of stories) await added({ kind: 'CONTEXT', ...story });
  });

  it('lists a unit’s stories for a month, newest first, those about no KPI included', async () => {
    expect(await unitStories('SVC1-T1', '2025-11')).toEqual([
      'T1 November training',
      'T1 November, the month as a whole',
      'T1 November follow-up',
    ]);
  });

  it('keeps one KPI’s stories when asked', async () => {
    expect(await unitStories('SVC1-T1', '2025-11', { kpi: FOLLOW_UP })).toEqual(['T1 November follow-up']);
  });

  it.each([
    ['a quarter', '2025-Q4'],
    ['a calendar year', '2025'],
  ])('reads the stories of every month of %s', async (_kind, period) => {
    expect(await unitStories('SVC1-T1', period, { kpi: FOLLOW_UP })).toEqual([
      'T1 December follow-up',
      'T1 November follow-up',
    ]);
  });

  it('reads a financial year from April to March', async () => {
    expect(await unitStories('SVC1-T1', 'FY2025', { kpi: FOLLOW_UP })).toEqual([
      'T1 December follow-up',
      'T1 November follow-up',
      'Two of the calls reached a carer rather than the person discharged.',
    ]);
    expect(await unitStories('SVC1-T1', 'FY2026', { kpi: FOLLOW_UP })).toEqual(['T1 April follow-up']);
  });

  it('includes every unit below with descendants: true, and no unit beside it', async () => {
    expect(await unitStories('SVC1', '2025-12')).toEqual(['SVC1 December follow-up']);
    expect(await unitStories('SVC1', '2025-12', { descendants: true })).toEqual([
      'T2 December follow-up',
      'SVC1 December follow-up',
      'T1 December follow-up',
    ]);
    expect(await unitStories('DIR', '2025-12', { descendants: true })).toHaveLength(4);
  });

  it('gives a KPI value the stories about that KPI in the months its period covers', async () => {
    expect(await valueStories('SVC1-T1', FOLLOW_UP, '2025-Q4')).toEqual([
      'T1 December follow-up',
      'T1 November follow-up',
    ]);
    expect(await valueStories('SVC1-T1', TRAINING, '2025-11')).toEqual(['T1 November training']);
    expect(await valueStories('SVC1', FOLLOW_UP, '2025-12')).toEqual(['SVC1 December follow-up']);
    expect(await valueStories('SVC1', FOLLOW_UP, '2025-12', true)).toEqual([
      'T2 December follow-up',
      'SVC1 December follow-up',
      'T1 December follow-up',
    ]);
  });

  it('reads the stories of a whole scorecard, with their histories, in one query for each', async () => {
    const query = `{ orgUnit(code: "SVC1") {
      scorecard(period: "2025-Q4") { kpi { key } stories(descendants: true) { text history { version } } } } }`;
    statements.length = 0;
    counting = true;
    const result = await test.graphql<{
      orgUnit: { scorecard: { kpi: { key: string }; stories: unknown[] }[] };
    }>(query, {}, viewer);
    counting = false;
    expect(result.errors).toBeUndefined();
    const { scorecard } = result.data!.orgUnit;
    expect(scorecard.length).toBeGreaterThan(10);
    expect(scorecard.find((value) => value.kpi.key === FOLLOW_UP)!.stories).toHaveLength(4);
    expect(scorecard.find((value) => value.kpi.key === TRAINING)!.stories).toHaveLength(1);
    expect(statements.filter((sql) => /from "story"/.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => /from "story_revision"/.test(sql))).toHaveLength(1);
  });
});

describe('a story that breaks a rule is refused with the field named, and writes nothing', () => {
  const good = { orgUnit: 'SVC1-T1', period: '2026-02', kpi: FOLLOW_UP, kind: 'CONTEXT', text: 'Fine.' };

  it.each([
    ['an unknown unit', { ...good, orgUnit: 'NOPE' }, 'orgUnit'],
    ['an unknown KPI', { ...good, kpi: 'no-such-kpi' }, 'kpi'],
    ['a period that is not a period', { ...good, period: 'last month' }, 'period'],
    ['a period that is not a month', { ...good, period: '2026-Q1' }, 'period'],
    ['month 13', { ...good, period: '2026-13' }, 'period'],
    ['a future month', { ...good, period: '2999-01' }, 'period'],
    ['empty text', { ...good, text: '' }, 'text'],
    ['text of nothing but white space', { ...good, text: ' \n\t ' }, 'text'],
    ['text over 4,000 characters', { ...good, text: 'x'.repeat(4_001) }, 'text'],
  ])('%s', async (_case, input, field) => {
    const before = await storedState();
    const result = await add(input);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message.startsWith(`${field}: `)).toBe(true);
    expect(await storedState()).toEqual(before);
  });

  it('counts characters, not UTF-16 code units: 4,000 emoji are allowed', async () => {
    expect((await add({ ...good, text: '🙂'.repeat(4_000) })).errors).toBeUndefined();
  });

  it.each([
    ['grouped with spaces', 'Mr A (943 476 5919) was called on day two.', '5919'],
    ['run together', 'Follow-up for 4010232137 was missed.', '2137'],
    ['grouped with hyphens', 'See 401-023-2137 for the detail.', '2137'],
  ])('refuses text holding an NHS number %s, without repeating it', async (_case, text, tail) => {
    const before = await storedState();
    const result = await add({ ...good, text });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(result.errors?.[0]?.message).toMatch(/NHS number/);
    expect(JSON.stringify(result.errors)).not.toContain(tail);
    expect(await storedState()).toEqual(before);
  });

  it('accepts numbers that fail the NHS number check', async () => {
    const result = await add({
      ...good,
      text: 'Ten digits with a bad check digit: 943 476 5918; eleven: 01234567890.',
    });
    expect(result.errors).toBeUndefined();
  });

  it.each([
    ['an unknown story', { id: '999999' }, 'id'],
    ['an id that is not a number', { id: 'story-1' }, 'id'],
    ['neither text nor kind', {}, 'text'],
    ['empty text', { text: '   ' }, 'text'],
    ['an NHS number', { text: 'About 943 476 5919.' }, 'text'],
    ['an expected version below 1', { text: 'New.', expectedVersion: 0 }, 'expectedVersion'],
  ])('an edit with %s', async (_case, change, field) => {
    const story = await added(good);
    const before = await storedState();
    const result = await edit({ id: story.id, ...change });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await storedState()).toEqual(before);
  });
});

describe('who may add, edit and read stories', () => {
  const story = { orgUnit: 'SVC1-T1', period: '2026-02', kind: 'ACTION', text: 'Rota changed.' };

  it('lets a VIEWER read but not add', async () => {
    const before = await storedState();
    const result = await add(story, viewer);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(result.errors?.[0]?.message).toMatch(/CONTRIBUTOR/);
    expect(await storedState()).toEqual(before);
  });

  it('refuses a contributor for another part of the tree, and lets them write in their own', async () => {
    const elsewhere = await test.token(['CONTRIBUTOR'], ['SVC2'], 'svc2-contributor');
    const before = await storedState();
    const refused = await add(story, elsewhere);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await storedState()).toEqual(before);

    const theirs = await add({ ...story, orgUnit: 'SVC2-T2' }, elsewhere);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.addStory.author).toBe('svc2-contributor');
  });

  it('refuses an edit by a contributor for another part of the tree', async () => {
    const { id } = await added(story);
    const before = await storedState();
    const result = await edit({ id, text: 'Overwritten.' }, await test.token(['CONTRIBUTOR'], ['SVC2']));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await storedState()).toEqual(before);
  });

  it('needs VIEWER on the unit to read its stories', async () => {
    const result = await test.graphql<{ orgUnit: unknown }>(
      UNIT_STORIES,
      { code: 'SVC1', period: '2026-02' },
      await test.token(['VIEWER'], ['SVC2']),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('storyAdded', () => {
  it('sends a new story to subscribers on its unit and every unit above, not beside', async () => {
    const live = connect(viewer);
    const watchers = ['SVC2-T2', 'SVC2', 'DIR', 'SYS'].map((code) =>
      live.subscribe(STORY_ADDED, { unit: code }),
    );
    const sibling = live.subscribe(STORY_ADDED, { unit: 'SVC1' });
    const below = live.subscribe(STORY_ADDED, { unit: 'SVC2-T1' });
    await settle();

    await added({
      orgUnit: 'SVC2-T2',
      period: '2026-03',
      kpi: FOLLOW_UP,
      kind: 'LEARNING',
      text: 'Heard live.',
    });
    for (const events of watchers) {
      const [event] = await events.received(1);
      expect(event).toEqual({
        data: {
          storyAdded: {
            text: 'Heard live.',
            orgUnit: { code: 'SVC2-T2' },
            kpi: { key: FOLLOW_UP },
            history: [{ version: 1 }],
          },
        },
      });
    }
    await settle();
    expect(sibling.results).toEqual([]);
    expect(below.results).toEqual([]);
    for (const events of watchers) expect(events.results).toHaveLength(1);
  });

  it('sends nothing for a story that was refused, nor for an edit', async () => {
    const live = connect(viewer);
    const events = live.subscribe(STORY_ADDED, { unit: 'SYS' });
    await settle();
    await add({ orgUnit: 'SVC1-T1', period: '2026-03', kind: 'CONTEXT', text: 'NHS 9434765919' });
    const { id } = await added({ orgUnit: 'SVC1-T1', period: '2026-03', kind: 'CONTEXT', text: 'Kept.' });
    await edit({ id, text: 'Kept, and edited.' });
    await settle();
    expect(events.results.map((event) => event.data)).toEqual([
      { storyAdded: expect.objectContaining({ text: 'Kept.' }) },
    ]);
  });

  it('needs VIEWER on the unit to subscribe, and an existing unit', async () => {
    const live = connect(await test.token(['VIEWER'], ['SVC2']));
    const [refused] = await live.subscribe(STORY_ADDED, { unit: 'SVC1' }).received(1);
    expect(refused!.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const [unknown] = await live.subscribe(STORY_ADDED, { unit: 'NOPE' }).received(1);
    expect(unknown!.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'orgUnit' } });
  });
});
