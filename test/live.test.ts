import WebSocket from 'ws';
import { createUnits, treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import type { LiveConnection } from './support/live-client';
import { KPI_VALUE, SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const VALUES = `
  subscription Values($unit: String!, $kpis: [String!], $initial: Boolean! = false, $period: String) {
    kpiValueChanged(orgUnit: $unit, kpis: $kpis, initial: $initial, period: $period) {
      kpi { key } orgUnit { code } period value tier reporting expected inputs { name value }
    }
  }`;
const TIERS = `
  subscription Tiers($unit: String!, $descendants: Boolean!) {
    tierChanged(orgUnit: $unit, descendants: $descendants) { kpi { key } orgUnit { code } period from to }
  }`;

let test: TestServer;
let contributor: string;
let viewer: string;
const connections: LiveConnection[] = [];

function connect(token: string | null): LiveConnection {
  const connection = connectLive(test.server.url, token);
  connections.push(connection);
  return connection;
}

async function submit(input: Record<string, unknown>) {
  const result = await test.graphql(SUBMIT, { input }, contributor);
  expect(result.errors).toBeUndefined();
}

async function queried(code: string, period: string, kpi = 'seven-day-follow-up') {
  const result = await test.graphql<{ orgUnit: { kpiValue: Record<string, unknown> } }>(
    KPI_VALUE,
    { code, kpi, period },
    viewer,
  );
  return result.data!.orgUnit.kpiValue;
}

beforeAll(async () => {
  test = await startTestServer();
  await createUnits(test, treeOf(2, 2));
  contributor = await test.token(['CONTRIBUTOR']);
  viewer = await test.token(['VIEWER']);
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.dispose()));
});
afterAll(() => test.stop());

describe('kpiValueChanged', () => {
  it('sends every subscriber on the unit or an ancestor that unit’s new value, equal to a query right after', async () => {
    const live = connect(viewer);
    const watchers = ['SVC1-T1', 'SVC1', 'DIR', 'SYS'].map((code) => ({
      code,
      events: live.subscribe(VALUES, { unit: code }),
    }));
    const sibling = live.subscribe(VALUES, { unit: 'SVC2' });
    await settle();

    await submit(followUp('SVC1-T1', '2026-01', 8, 10, 4));
    for (const { code, events } of watchers) {
      const [event] = await events.received(1);
      const { kpiValueChanged } = event!.data as { kpiValueChanged: Record<string, unknown> };
      const { kpi, orgUnit, ...value } = kpiValueChanged;
      expect({ kpi, orgUnit }).toEqual({ kpi: { key: 'seven-day-follow-up' }, orgUnit: { code } });
      expect(value).toEqual(await queried(code, '2026-01'));
      expect(value).toMatchObject({ value: 80, tier: 'ESSENTIAL', reporting: 1 });
    }
    await settle();
    expect(sibling.results).toEqual([]);
    for (const { events } of watchers) expect(events.results).toHaveLength(1);
  });

  it('sends a subscriber filtered by KPI only those KPIs', async () => {
    const live = connect(viewer);
    const training = live.subscribe(VALUES, { unit: 'SYS', kpis: ['mandatory-training-compliance'] });
    await settle();
    await submit(followUp('SVC2-T1', '2026-01', 5, 5, 5));
    await submit({
      kpi: 'mandatory-training-compliance',
      orgUnit: 'SVC2-T1',
      period: '2026-01',
      values: [
        { name: 'compliant', value: 9 },
        { name: 'staff', value: 10 },
      ],
    });
    const [event] = await training.received(1);
    expect(event!.data).toMatchObject({
      kpiValueChanged: { kpi: { key: 'mandatory-training-compliance' }, value: 90 },
    });
    await settle();
    expect(training.results).toHaveLength(1);
  });

  it('sends the current values first when asked, then changes', async () => {
    const live = connect(viewer);
    const events = live.subscribe(VALUES, {
      unit: 'SVC1',
      kpis: ['seven-day-follow-up'],
      initial: true,
      period: '2026-01',
    });
    const [initial] = await events.received(1);
    expect(initial!.data).toMatchObject({ kpiValueChanged: { period: '2026-01', value: 80, reporting: 1 } });
    await submit(followUp('SVC1-T2', '2026-01', 10, 10, 10));
    const [, change] = await events.received(2);
    expect(change!.data).toMatchObject({ kpiValueChanged: { value: 90, reporting: 2 } });
  });

  it('reads fields nested in an event afresh for every event', async () => {
    const live = connect(viewer);
    const events = live.subscribe(
      `subscription { kpiValueChanged(orgUnit: "SVC2-T1", kpis: ["seven-day-follow-up"]) {
         value orgUnit { parent { march: kpiValue(kpi: "seven-day-follow-up", period: "2026-03") { value } } } } }`,
    );
    await settle();
    await submit(followUp('SVC2-T1', '2026-03', 1, 4, 1));
    // Nested fields are read when the event goes out: one that went out after the next write would read it.
    await events.received(1);
    await submit(followUp('SVC2-T1', '2026-03', 3, 4, 1));
    const values = (await events.received(2)).map((event) => event.data);
    expect(values).toEqual([
      { kpiValueChanged: { value: 25, orgUnit: { parent: { march: { value: 25 } } } } },
      { kpiValueChanged: { value: 75, orgUnit: { parent: { march: { value: 75 } } } } },
    ]);
  });
});

describe('tierChanged', () => {
  it('tells a board when a value changes tier, at the unit or anywhere below when asked', async () => {
    const live = connect(viewer);
    const below = live.subscribe(TIERS, { unit: 'SVC2', descendants: true });
    const here = live.subscribe(TIERS, { unit: 'SVC2-T2', descendants: false });
    const elsewhere = live.subscribe(TIERS, { unit: 'SVC1', descendants: true });
    await settle();

    await submit(followUp('SVC2-T2', '2026-02', 1, 10, 1));
    const [first] = await here.received(1);
    expect(first!.data).toEqual({
      tierChanged: {
        kpi: { key: 'seven-day-follow-up' },
        orgUnit: { code: 'SVC2-T2' },
        period: '2026-02',
        from: null,
        to: 'BELOW_ESSENTIAL',
      },
    });
    await submit(followUp('SVC2-T2', '2026-02', 10, 10, 9));
    const [, second] = await here.received(2);
    expect(second!.data).toMatchObject({ tierChanged: { from: 'BELOW_ESSENTIAL', to: 'BREAKTHROUGH' } });

    // The service's own tier moved with its team's each time: SVC2 sees both units' changes.
    const seen = (await below.received(4)).map(
      (event) => (event.data as { tierChanged: { orgUnit: { code: string } } }).tierChanged.orgUnit.code,
    );
    expect(seen.sort()).toEqual(['SVC2', 'SVC2', 'SVC2-T2', 'SVC2-T2']);
    await settle();
    expect(elsewhere.results).toEqual([]);
    expect(here.results).toHaveLength(2);
  });

  it('stays quiet when a correction leaves the tier where it was', async () => {
    const live = connect(viewer);
    const tiers = live.subscribe(TIERS, { unit: 'SVC2-T2', descendants: false });
    await settle();
    await submit(followUp('SVC2-T2', '2026-02', 10, 10, 10));
    await settle();
    expect(tiers.results).toEqual([]);
  });
});

describe('the WebSocket path is guarded like HTTP', () => {
  it('refuses a connection without a token', async () => {
    const live = connect(null);
    live.subscribe(VALUES, { unit: 'SYS' });
    expect(await live.closed).toBe(4403);
  });

  it('refuses a subscription outside the viewer’s units as FORBIDDEN', async () => {
    const live = connect(await test.token(['VIEWER'], ['SVC1']));
    const [refused] = await live.subscribe(VALUES, { unit: 'SVC2' }).received(1);
    expect(refused!.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('answers each viewer within their own units when screens watch with the same operation', async () => {
    const watch = `subscription { kpiValueChanged(orgUnit: "SVC2-T2", kpis: ["seven-day-follow-up"]) {
      value orgUnit { ancestors { code kpiValue(kpi: "seven-day-follow-up", period: "2026-05") { value } } } } }`;
    const serviceToken = await test.token(['VIEWER'], ['SVC2']);
    // Screens of both kinds, interleaved, so whichever executes first could leak into the other's if shared.
    const screens = [serviceToken, viewer, serviceToken, viewer].map((token) => ({
      token,
      events: connect(token).subscribe(watch),
    }));
    await settle();
    await submit(followUp('SVC2-T2', '2026-05', 1, 2, 1));

    const atEveryAncestor = ['SVC2', 'DIR', 'ORG', 'SYS'].map((code) => ({ code, kpiValue: { value: 50 } }));
    for (const { token, events } of screens) {
      const [event] = await events.received(1);
      if (token === viewer) {
        expect(event).toEqual({
          data: { kpiValueChanged: { value: 50, orgUnit: { ancestors: expect.any(Array) } } },
        });
        const { ancestors } = (event!.data!.kpiValueChanged as { orgUnit: { ancestors: unknown[] } }).orgUnit;
        expect(ancestors).toHaveLength(atEveryAncestor.length);
        expect(ancestors).toEqual(expect.arrayContaining(atEveryAncestor));
      } else {
        // The service's viewer may read SVC2's value but not the directorate's, so the event is refused.
        expect(event!.data).toBeNull();
        expect(event!.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      }
    }
  });

  it('applies the same validation limits as HTTP', async () => {
    const live = connect(viewer);
    let selection = 'code';
    for (let depth = 0; depth < 15; depth++) selection = `children { ${selection} }`;
    const [refused] = await live
      .subscribe(`subscription { kpiValueChanged(orgUnit: "SYS") { orgUnit { ${selection} } } }`)
      .received(1);
    expect(JSON.stringify(refused)).toMatch(/depth/i);
    expect(refused!.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('codes each refusal as HTTP would', async () => {
    const live = connect(viewer);
    const refusals = {
      GRAPHQL_PARSE_FAILED: live.subscribe('subscription {'),
      GRAPHQL_VALIDATION_FAILED: live.subscribe('subscription { kpiValueChanged(orgUnit: "SYS") { nope } }'),
      BAD_USER_INPUT: live.subscribe(VALUES, { unit: null }),
      OPERATION_RESOLUTION_FAILURE: live.subscribe(`${VALUES} ${VALUES.replace('Values(', 'Other(')}`),
    };
    for (const [code, subscription] of Object.entries(refusals)) {
      const [refused] = await subscription.received(1);
      expect(refused!.errors?.[0]).toMatchObject({ extensions: { code } });
    }
  });

  it('ends the connection when its token expires', async () => {
    const live = connect(await test.token(['VIEWER'], ['*'], 'short-lived', '2s'));
    live.subscribe(VALUES, { unit: 'SYS' });
    expect(await live.closed).toBe(4401);
  });

  it('closes a connection that sends a message over 64 KiB, and logs no internal error for it', async () => {
    const logged: unknown[][] = [];
    const logError = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const socket = new WebSocket(test.server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${viewer}`, padding: 'x'.repeat(70_000) },
        }),
      );
      // 1009: message too big.
      expect(await closed).toBe(1009);
    } finally {
      console.error = logError;
    }
    expect(logged).toEqual([]);
  });

  it('bounds the operations one connection may hold', async () => {
    const live = connect(viewer);
    const subscriptions = Array.from({ length: 51 }, () => live.subscribe(VALUES, { unit: 'SYS' }));
    const [refused] = await subscriptions[50]!.received(1);
    expect(JSON.stringify(refused)).toMatch(/at most 50/);
    expect(refused!.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    await settle();
    expect(subscriptions.slice(0, 50).every((subscription) => subscription.results.length === 0)).toBe(true);
  });
});
