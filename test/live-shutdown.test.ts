import { createUnits, treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import { startTestServer } from './support/test-server';

it('closes subscriptions on shutdown with a code a client reconnects from', async () => {
  const test = await startTestServer();
  let stopped = false;
  try {
    await createUnits(test, treeOf(1, 1));
    const live = connectLive(test.server.url, await test.token(['VIEWER']));
    live.subscribe('subscription { kpiValueChanged(orgUnit: "SYS") { value } }');
    await settle();
    await test.stop();
    stopped = true;
    // 1012 "service restart": graphql-ws clients retry on it.
    expect(await live.closed).toBe(1012);
    await live.dispose();
  } finally {
    if (!stopped) await test.stop();
  }
});
