import { createUnits, treeOf } from './support/build-tree';
import { connectLive } from './support/live-client';
import { SUBMIT, followUp } from './support/operations';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

let test: TestServer;

beforeAll(async () => {
  test = await startTestServer();
});

afterAll(() => test.stop());

/** The metrics' samples as `name{labels}` → value. */
async function scrape(): Promise<{ contentType: string | null; samples: Map<string, number> }> {
  const response = await fetch(`${new URL(test.server.url).origin}/metrics`);
  expect(response.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return { contentType: response.headers.get('content-type'), samples };
}

it('counts requests by operation, errors by code, live events and their delivery, for Prometheus', async () => {
  await createUnits(test, treeOf(1, 1));
  const viewer = await test.token(['VIEWER']);
  const contributor = await test.token(['CONTRIBUTOR']);
  const live = connectLive(test.server.url, viewer);
  try {
    const values = live.subscribe('subscription Wall { kpiValueChanged(orgUnit: "SYS") { value } }');
    await test.graphql('query Probe { __typename }', {}, viewer);
    await test.graphql('query Probe { __typename }', {}, viewer);
    const refused = await test.graphql(
      'mutation Refused($input: SubmitObservationInput!) { submitObservation(input: $input) { version } }',
      { input: followUp('NO-SUCH-UNIT', '2026-01', 9, 10, 5) },
      contributor,
    );
    expect(refused.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await test.graphql('query {', {}, viewer)).errors![0]!.extensions!.code).toBe(
      'GRAPHQL_PARSE_FAILED',
    );
    await test.graphql(SUBMIT, { input: followUp('SVC1-T1', '2026-01', 9, 10, 5) }, contributor);
    expect((await values.received(1))[0]!.data).toEqual({ kpiValueChanged: { value: 90 } });

    const { contentType, samples } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(samples.get('progress_graphql_requests_total{operation="Probe",type="query"}')).toBe(2);
    expect(samples.get('progress_graphql_request_duration_seconds_count{operation="Probe"}')).toBe(2);
    expect(samples.get('progress_graphql_requests_total{operation="Refused",type="mutation"}')).toBe(1);
    expect(samples.get('progress_graphql_requests_total{operation="(unresolved)",type="unknown"}')).toBe(1);
    expect(samples.get('progress_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(samples.get('progress_graphql_errors_total{code="GRAPHQL_PARSE_FAILED"}')).toBe(1);
    expect(samples.get('progress_live_subscribers')).toBe(1);
    expect(samples.get('progress_live_events_fanned_out_total')).toBe(1);
    expect(samples.get('progress_live_delivery_lag_seconds_count')).toBe(1);
    expect(samples.get('progress_db_pool_max')).toBeGreaterThan(0);
    expect(samples.get('progress_db_pool_pending')).toBeGreaterThanOrEqual(0);
    expect(samples.get('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
  } finally {
    await live.dispose();
  }
});
