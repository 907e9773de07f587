import { monthsBetween } from '../server/engine/kpi/period';
import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { GraphQLResponse } from './support/post-graphql';
import type { TestServer } from './support/test-server';
import { factsWorkedOut } from './support/facts-worked-out';
import { startTestServer } from './support/test-server';

const CYCLE = `
  orgUnit { code } period step
  report { complete expected received incomplete { kpi { key } reporting expected } }
  reflect { complete needingStory { kpi { key } tier } reflected { kpi { key } tier } }
  review { signedOffBy signedOffAt comment }
  actions { id text owner duePeriod status createdBy createdAt updatedAt orgUnit { code } period }
  refresh { note focusKpis { key } refreshedBy refreshedAt thresholdChanges { fromPeriod essential orgUnit { code } } }`;
const REVIEW = `
  query Review($code: String!, $period: String!) { orgUnit(code: $code) { review(period: $period) { ${CYCLE} } } }`;
const REVIEWS = `
  query Reviews($code: String!, $period: String!, $level: OrgLevel) {
    orgUnit(code: $code) { reviews(period: $period, level: $level) { orgUnit { code } step } }
  }`;
const SIGN_OFF = `mutation SignOff($input: SignOffReviewInput!) { signOffReview(input: $input) { ${CYCLE} } }`;
const ADD_ACTION = `
  mutation AddAction($input: AddReviewActionInput!) {
    addReviewAction(input: $input) { id text owner duePeriod status createdBy createdAt updatedAt orgUnit { code } period }
  }`;
const UPDATE_ACTION = `
  mutation UpdateAction($input: UpdateReviewActionInput!) {
    updateReviewAction(input: $input) { id status createdAt updatedAt }
  }`;
const REFRESH = `mutation Refresh($input: RefreshReviewInput!) { refreshReview(input: $input) { ${CYCLE} } }`;
const ADD_STORY = `mutation AddStory($input: AddStoryInput!) { addStory(input: $input) { id } }`;
const SET_THRESHOLDS = `
  mutation Set($input: SetTierThresholdsInput!) { setTierThresholds(input: $input) { id } }`;
const APPLYING_KPIS = `
  query Applying($code: String!, $period: String!) {
    orgUnit(code: $code) { scorecard(period: $period) { expected kpi { key inputs { name } } } }
  }`;

const MONTH = '2026-01';
const FOLLOW_UP = 'seven-day-follow-up';
const WARD = 'SVC1-T1';

interface Cycle {
  orgUnit: { code: string };
  period: string;
  step: string;
  report: {
    complete: boolean;
    expected: number;
    received: number;
    incomplete: { kpi: { key: string }; reporting: number; expected: number }[];
  };
  reflect: {
    complete: boolean;
    needingStory: { kpi: { key: string }; tier: string | null }[];
    reflected: { kpi: { key: string }; tier: string | null }[];
  };
  review: { signedOffBy: string; signedOffAt: string; comment: string } | null;
  actions: { id: string; status: string; [field: string]: unknown }[];
  refresh: {
    note: string;
    focusKpis: { key: string }[];
    refreshedBy: string;
    refreshedAt: string;
    thresholdChanges: { fromPeriod: string; essential: number; orgUnit: { code: string } }[];
  } | null;
}

let test: TestServer;
let admin: string;
let viewer: string;
let contributor: string;
let wardManager: string;
let serviceManager: string;
/** The keys of the KPIs that apply at a ward, in KPI order, and their inputs. */
let applying: { key: string; inputs: string[] }[];
let counting = false;
let statements = 0;

async function reviewOf(code: string, period = MONTH): Promise<Cycle> {
  const result = await test.graphql<{ orgUnit: { review: Cycle } }>(REVIEW, { code, period }, viewer);
  expect(result.errors).toBeUndefined();
  return result.data!.orgUnit.review;
}

async function stepsBelow(code: string, level?: string): Promise<Record<string, string>> {
  const result = await test.graphql<{ orgUnit: { reviews: { orgUnit: { code: string }; step: string }[] } }>(
    REVIEWS,
    { code, period: MONTH, level },
    viewer,
  );
  expect(result.errors).toBeUndefined();
  return Object.fromEntries(result.data!.orgUnit.reviews.map((cycle) => [cycle.orgUnit.code, cycle.step]));
}

function signOff(input: Record<string, unknown>, token = serviceManager) {
  return test.graphql<{ signOffReview: Cycle }>(SIGN_OFF, { input }, token);
}

function addAction(input: Record<string, unknown>, token = wardManager) {
  return test.graphql<{ addReviewAction: Cycle['actions'][number] }>(ADD_ACTION, { input }, token);
}

function refresh(input: Record<string, unknown>, token = wardManager) {
  return test.graphql<{ refreshReview: Cycle }>(REFRESH, { input }, token);
}

async function ok<Data>(response: Promise<GraphQLResponse<Data>>): Promise<Data> {
  const result = await response;
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function addStory(orgUnit: string, kpi: string | null, period = MONTH) {
  await ok(
    test.graphql(
      ADD_STORY,
      {
        input: { orgUnit, period, kpi, kind: 'CONTEXT', text: 'Two calls reached a carer, not the person.' },
      },
      contributor,
    ),
  );
}

async function submit(input: Record<string, unknown>) {
  await ok(test.graphql(SUBMIT, { input }, admin));
}

/** All zeros: every value is undefined (a zero denominator), so none is below Essential or a signal. */
function zeros(orgUnit: string, kpi: { key: string; inputs: string[] }, period = MONTH) {
  return { kpi: kpi.key, orgUnit, period, values: kpi.inputs.map((name) => ({ name, value: 0 })) };
}

/** Every KPI that applies at the ward, seven-day follow-up at `followedUp` of 10 (below Essential under 8). */
async function submitEverything(orgUnit: string, followedUp: number) {
  for (const kpi of applying) {
    await submit(kpi.key === FOLLOW_UP ? followUp(orgUnit, MONTH, followedUp, 10, 0) : zeros(orgUnit, kpi));
  }
}

/** Every stored cycle and action, to prove a rejected request wrote nothing. */
async function storedState() {
  const em = test.server.database.orm.em.fork();
  return {
    cycles: await em.execute('select * from review_cycle order by id'),
    actions: await em.execute('select * from review_action order by id'),
  };
}

/** Runs a request that must be refused with `code`, and checks it wrote nothing. */
async function refused(
  request: () => Promise<GraphQLResponse>,
  code: string,
): Promise<{ message: string; extensions?: Record<string, unknown> }> {
  const before = await storedState();
  const result = await request();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]!.extensions?.code).toBe(code);
  expect(await storedState()).toEqual(before);
  return result.errors![0]!;
}

async function refusedAt(request: () => Promise<GraphQLResponse>, step: string) {
  const error = await refused(request, 'CONFLICT');
  expect(error.extensions?.step).toBe(step);
  expect(error.message).toContain(`is at ${step}`);
  return error;
}

async function invalid(request: () => Promise<GraphQLResponse>, field: string) {
  const error = await refused(request, 'BAD_USER_INPUT');
  expect(error.extensions?.field).toBe(field);
  expect(error.message).toMatch(new RegExp(`^${field}: `));
}

const wardInput = { orgUnit: WARD, period: MONTH };
const signOffInput = { ...wardInput, comment: 'Follow-up fell; the discharge team is short by two.' };
const actionInput = {
  ...wardInput,
  text: 'Recruit two discharge nurses',
  owner: 'Ward manager',
  duePeriod: '2026-03',
};
const refreshInput = { ...wardInput, note: 'Watch follow-up weekly until March.', focusKpis: [FOLLOW_UP] };

beforeAll(async () => {
  test = await startTestServer({}, { onQuery: () => void (counting && statements++) });
  await createUnits(test, treeOf(2, 2));
  admin = await test.token(['ADMIN']);
  viewer = await test.token(['VIEWER']);
  contributor = await test.token(['CONTRIBUTOR'], ['SVC1'], 'service-nurse');
  wardManager = await test.token(['MANAGER'], [WARD], 'ward-manager');
  serviceManager = await test.token(['MANAGER'], ['SVC1'], 'service-manager');
  const scorecard = await ok(
    test.graphql<{
      orgUnit: { scorecard: { expected: number; kpi: { key: string; inputs: { name: string }[] } }[] };
    }>(APPLYING_KPIS, { code: WARD, period: MONTH }, viewer),
  );
  applying = scorecard.orgUnit.scorecard
    .filter((value) => value.expected > 0)
    .map(({ kpi }) => ({ key: kpi.key, inputs: kpi.inputs.map((input) => input.name) }));
});
afterAll(() => test.stop());

describe('walking a ward through the cycle, one step at a time', () => {
  it('starts at REPORT, expecting one observation of every KPI that applies', async () => {
    const cycle = await reviewOf(WARD);
    expect(applying.map((kpi) => kpi.key)).toContain(FOLLOW_UP);
    expect(cycle).toMatchObject({
      orgUnit: { code: WARD },
      period: MONTH,
      step: 'REPORT',
      report: { complete: false, expected: applying.length, received: 0 },
      reflect: { complete: true, needingStory: [], reflected: [] },
      review: null,
      actions: [],
      refresh: null,
    });
    expect(cycle.report.incomplete.map((value) => value.kpi.key)).toEqual(applying.map((kpi) => kpi.key));
  });

  it('refuses every later step while REPORT is incomplete, naming the step and writing nothing', async () => {
    const error = await refusedAt(() => signOff(signOffInput), 'REPORT');
    expect(error.message).toContain(FOLLOW_UP);
    await refusedAt(() => addAction(actionInput), 'REPORT');
    await refusedAt(() => refresh(refreshInput), 'REPORT');
  });

  it('stays at REPORT until the last expected observation is in', async () => {
    const [last, ...rest] = [...applying].reverse();
    for (const kpi of rest) {
      await submit(kpi.key === FOLLOW_UP ? followUp(WARD, MONTH, 7, 10, 5) : zeros(WARD, kpi));
    }
    const almost = await reviewOf(WARD);
    expect(almost.step).toBe('REPORT');
    expect(almost.report).toMatchObject({ complete: false, received: applying.length - 1 });
    expect(almost.report.incomplete).toEqual([{ kpi: { key: last!.key }, reporting: 0, expected: 1 }]);

    await submit(last!.key === FOLLOW_UP ? followUp(WARD, MONTH, 7, 10, 5) : zeros(WARD, last!));
    const reported = await reviewOf(WARD);
    expect(reported.report).toEqual({
      complete: true,
      expected: applying.length,
      received: applying.length,
      incomplete: [],
    });
  });

  it('is then at REFLECT: a KPI below Essential needs a story before the review', async () => {
    const cycle = await reviewOf(WARD);
    expect(cycle.step).toBe('REFLECT');
    expect(cycle.reflect).toEqual({
      complete: false,
      needingStory: [{ kpi: { key: FOLLOW_UP }, tier: 'BELOW_ESSENTIAL' }],
      reflected: [],
    });
    const error = await refusedAt(() => signOff(signOffInput), 'REFLECT');
    expect(error.message).toContain(FOLLOW_UP);
    await refusedAt(() => addAction(actionInput), 'REFLECT');
  });

  it('is not reflected by a story about another KPI, another ward or the month as a whole', async () => {
    await addStory(WARD, 'mandatory-training-compliance');
    await addStory(WARD, null);
    await addStory('SVC1-T2', FOLLOW_UP);
    expect((await reviewOf(WARD)).step).toBe('REFLECT');
  });

  it('moves to REVIEW once the KPI has its story', async () => {
    await addStory(WARD, FOLLOW_UP);
    const cycle = await reviewOf(WARD);
    expect(cycle.step).toBe('REVIEW');
    expect(cycle.reflect).toEqual({
      complete: true,
      needingStory: [],
      reflected: [{ kpi: { key: FOLLOW_UP }, tier: 'BELOW_ESSENTIAL' }],
    });
    await refusedAt(() => addAction(actionInput), 'REVIEW');
    await refusedAt(() => refresh(refreshInput), 'REVIEW');
  });

  it('is signed off by a manager above the ward, not by the ward’s own manager or a contributor', async () => {
    const own = await refused(() => signOff(signOffInput, wardManager), 'FORBIDDEN');
    expect(own.message).toContain('SVC1');
    await refused(() => signOff(signOffInput, contributor), 'FORBIDDEN');

    const { signOffReview } = await ok(signOff(signOffInput));
    expect(signOffReview).toMatchObject({
      step: 'RETHINK',
      review: { signedOffBy: 'service-manager', comment: signOffInput.comment },
      actions: [],
      refresh: null,
    });
    expect(new Date(signOffReview.review!.signedOffAt).toISOString()).toBe(signOffReview.review!.signedOffAt);
    expect(await reviewOf(WARD)).toEqual(signOffReview);
  });

  it('cannot be signed off twice', async () => {
    const error = await refusedAt(() => signOff(signOffInput), 'RETHINK');
    expect(error.message).toContain('already signed off by service-manager');
  });

  it('is then at RETHINK: refreshing needs an action, and a contributor cannot add one', async () => {
    await refusedAt(() => refresh(refreshInput), 'RETHINK');
    await refused(() => addAction(actionInput, contributor), 'FORBIDDEN');
  });

  it('adds an action from a manager of the ward, open and owned', async () => {
    const { addReviewAction } = await ok(addAction(actionInput));
    expect(addReviewAction).toMatchObject({
      text: actionInput.text,
      owner: actionInput.owner,
      duePeriod: '2026-03',
      status: 'OPEN',
      createdBy: 'ward-manager',
      orgUnit: { code: WARD },
      period: MONTH,
    });
    expect(addReviewAction.updatedAt).toBe(addReviewAction.createdAt);
    const cycle = await reviewOf(WARD);
    expect(cycle.step).toBe('REFRESH');
    expect(cycle.actions).toEqual([addReviewAction]);
  });

  it('refreshes with a note, focus KPIs and the ward’s threshold changes for the next month', async () => {
    const thresholds = {
      kpi: FOLLOW_UP,
      orgUnit: WARD,
      essential: 70,
      desirable: 80,
      aspirational: 90,
      breakthrough: 95,
    };
    await ok(test.graphql(SET_THRESHOLDS, { input: { ...thresholds, fromPeriod: '2026-02' } }, wardManager));
    // Neither the month after next nor the service's own setting is this ward's change for next month.
    await ok(test.graphql(SET_THRESHOLDS, { input: { ...thresholds, fromPeriod: '2026-03' } }, wardManager));
    await ok(
      test.graphql(
        SET_THRESHOLDS,
        { input: { ...thresholds, orgUnit: 'SVC1', fromPeriod: '2026-02' } },
        serviceManager,
      ),
    );

    const { refreshReview } = await ok(refresh(refreshInput));
    expect(refreshReview).toMatchObject({
      step: 'COMPLETE',
      refresh: {
        note: refreshInput.note,
        focusKpis: [{ key: FOLLOW_UP }],
        refreshedBy: 'ward-manager',
        thresholdChanges: [{ fromPeriod: '2026-02', essential: 70, orgUnit: { code: WARD } }],
      },
    });
    expect(await reviewOf(WARD)).toEqual(refreshReview);
  });

  it('is complete: it cannot be refreshed again or take more actions', async () => {
    await refusedAt(() => refresh(refreshInput), 'COMPLETE');
    await refusedAt(() => addAction(actionInput), 'COMPLETE');
  });

  it('still lets a manager of the ward move its actions on', async () => {
    const [action] = (await reviewOf(WARD)).actions;
    await refused(
      () => test.graphql(UPDATE_ACTION, { input: { id: action!.id, status: 'DONE' } }, contributor),
      'FORBIDDEN',
    );
    const { updateReviewAction } = await ok(
      test.graphql<{
        updateReviewAction: { id: string; status: string; createdAt: string; updatedAt: string };
      }>(UPDATE_ACTION, { input: { id: action!.id, status: 'DONE' } }, wardManager),
    );
    expect(updateReviewAction).toMatchObject({ id: action!.id, status: 'DONE' });
    expect(updateReviewAction.updatedAt >= updateReviewAction.createdAt).toBe(true);
    expect((await reviewOf(WARD)).actions[0]!.status).toBe('DONE');
    await invalid(
      () => test.graphql(UPDATE_ACTION, { input: { id: '999999', status: 'DONE' } }, wardManager),
      'id',
    );
  });
});

describe('validation', () => {
  it('names the field of each bad input, and writes nothing', async () => {
    await invalid(() => signOff({ ...signOffInput, comment: '   ' }), 'comment');
    await invalid(() => signOff({ ...signOffInput, orgUnit: 'NOWHERE' }), 'orgUnit');
    await invalid(() => signOff({ ...signOffInput, period: '2026-Q1' }), 'period');
    await invalid(() => signOff({ ...signOffInput, period: '2099-01' }), 'period');
    await invalid(() => addAction({ ...actionInput, text: '' }), 'text');
    await invalid(() => addAction({ ...actionInput, owner: ' ' }), 'owner');
    await invalid(() => addAction({ ...actionInput, duePeriod: '2025-12' }), 'duePeriod');
    await invalid(() => addAction({ ...actionInput, duePeriod: 'next month' }), 'duePeriod');
    await invalid(() => refresh({ ...refreshInput, note: '' }), 'note');
    await invalid(() => refresh({ ...refreshInput, focusKpis: [FOLLOW_UP, 'no-such-kpi'] }), 'focusKpis');
  });

  it('reads a cycle for a month only, and only with VIEWER on the unit', async () => {
    const quarter = await test.graphql(REVIEW, { code: WARD, period: '2026-Q1' }, viewer);
    expect(quarter.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const elsewhere = await test.graphql(
      REVIEW,
      { code: WARD, period: MONTH },
      await test.token(['VIEWER'], ['SVC2']),
    );
    expect(elsewhere.errors![0]!.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('reflecting on signals', () => {
  it('asks a story of a special cause even when the month meets its tier', async () => {
    // Twelve settled months around 85%, then 99%: beyond the process limits, and Breakthrough.
    const months = monthsBetween('2024-12', '2025-12');
    const followedUp = [85, 86, 84, 85, 86, 85, 84, 85, 86, 85, 84, 85, 99];
    for (const [index, period] of months.entries()) {
      await submit(followUp('SVC2-T2', period, followedUp[index]!, 100, 0));
    }
    const cycle = await reviewOf('SVC2-T2', '2025-12');
    expect(cycle.reflect.needingStory).toEqual([{ kpi: { key: FOLLOW_UP }, tier: 'BREAKTHROUGH' }]);
  });
});

describe('concurrent sign-offs', () => {
  it('lets exactly one of two through', async () => {
    await submitEverything('SVC1-T2', 8);
    expect((await reviewOf('SVC1-T2')).step).toBe('REVIEW');
    const input = { orgUnit: 'SVC1-T2', period: MONTH, comment: 'A steady month.' };
    const results = await Promise.all([signOff(input), signOff(input)]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    const loser = results.find((result) => result.errors)!;
    expect(loser.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', step: 'RETHINK' });
    const em = test.server.database.orm.em.fork();
    expect(
      await em.execute(`select count(*)::int as count from review_cycle where period = ?`, [MONTH]),
    ).toEqual([{ count: 2 }]);
  });
});

describe('a subtree’s progress', () => {
  it('shows the step of every ward across two services', async () => {
    await submitEverything('SVC2-T1', 5);
    expect(await stepsBelow('SYS', 'TEAM')).toEqual({
      'SVC1-T1': 'COMPLETE',
      'SVC1-T2': 'RETHINK',
      'SVC2-T1': 'REFLECT',
      'SVC2-T2': 'REPORT',
    });
  });

  it('lists the children by default, counting a story on a ward for its service', async () => {
    expect(await stepsBelow('SVC1')).toEqual({ 'SVC1-T1': 'COMPLETE', 'SVC1-T2': 'RETHINK' });
    // SVC1's follow-up, 15 of 20, is below Essential (the wards' 7 and 8 of 10); a ward's story reflects it.
    const service = await reviewOf('SVC1');
    expect(service).toMatchObject({
      step: 'REVIEW',
      report: { complete: true, expected: 2 * applying.length, received: 2 * applying.length },
      reflect: { complete: true, reflected: [{ kpi: { key: FOLLOW_UP }, tier: 'BELOW_ESSENTIAL' }] },
    });
    expect(await stepsBelow('DIR')).toEqual({ SVC1: 'REVIEW', SVC2: 'REPORT' });
  });

  it('reads a whole trust’s cycles in a number of statements that does not grow with it', async () => {
    const count = async () => {
      // The facts the cycle reads are worked out in the background: count the query's reads, not that work.
      await factsWorkedOut(test.server);
      statements = 0;
      counting = true;
      const result = await test.graphql(
        `query { orgUnit(code: "SYS") { reviews(period: "${MONTH}", level: TEAM) { ${CYCLE} } } }`,
        {},
        viewer,
      );
      counting = false;
      expect(result.errors).toBeUndefined();
      return statements;
    };
    const before = await count();
    await createUnits(test, [
      { code: 'SVC3', level: 'SERVICE', parentCode: 'DIR' },
      ...[1, 2, 3].map((team) => ({
        code: `SVC3-T${team}`,
        level: 'TEAM' as const,
        parentCode: 'SVC3',
        tags: ['inpatient'],
      })),
    ]);
    await submitEverything('SVC3-T1', 6);
    expect(Object.keys(await stepsBelow('SYS', 'TEAM'))).toHaveLength(7);
    expect(before).toBeGreaterThan(0);
    expect(await count()).toBe(before);
  });
});
