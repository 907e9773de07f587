import { LISTENER_APPLICATION_NAME } from '../server/storage/live/listen-for-changes';
import { createUnits, treeOf } from './support/build-tree';
import { connectLive, settle } from './support/live-client';
import { SUBMIT, followUp } from './support/operations';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

const STORY = 'mutation($input: AddStoryInput!) { addStory(input: $input) { id } }';

/** This server's listening connection: other test files' servers share the PostgreSQL server. */
const LISTENER = 'from pg_stat_activity where application_name = ? and datname = current_database()';

async function listenerConnections(test: TestServer): Promise<number> {
  const [row] = await test.server.database.orm.em
    .fork()
    .execute<{ count: string }[]>(`select count(*) as count ${LISTENER}`, [LISTENER_APPLICATION_NAME]);
  return Number(row!.count);
}

it('delivers, once each, the stories and KPI changes committed while its listening connection was down', async () => {
  const test = await startTestServer();
  const live = connectLive(test.server.url, await test.token(['VIEWER']));
  try {
    await createUnits(test, treeOf(1, 1));
    const contributor = await test.token(['CONTRIBUTOR']);
    const story = (text: string) =>
      test.graphql(
        STORY,
        { input: { orgUnit: 'SVC1-T1', period: '2026-01', kind: 'CONTEXT', text } },
        contributor,
      );
    const stories = live.subscribe('subscription { storyAdded(orgUnit: "SYS") { text } }');
    const values = live.subscribe('subscription { kpiValueChanged(orgUnit: "SYS") { value } }');
    await settle();

    expect(await listenerConnections(test)).toBe(1);
    await test.server.database.orm.em
      .fork()
      .execute(`select pg_terminate_backend(pid) ${LISTENER}`, [LISTENER_APPLICATION_NAME]);
    // Committed before the listener is back (it waits a second): only its catch-up can find these.
    expect((await story('While the listener was away.')).errors).toBeUndefined();
    expect(
      (await test.graphql(SUBMIT, { input: followUp('SVC1-T1', '2026-01', 9, 10, 5) }, contributor)).errors,
    ).toBeUndefined();

    // The catch-up runs once the connection listens again, so what follows arrives by notification.
    expect((await stories.received(1))[0]!.data).toEqual({
      storyAdded: { text: 'While the listener was away.' },
    });
    expect((await values.received(1))[0]!.data).toEqual({ kpiValueChanged: { value: 90 } });
    expect((await story('After it came back.')).errors).toBeUndefined();
    expect((await stories.received(2))[1]!.data).toEqual({ storyAdded: { text: 'After it came back.' } });
    await settle();
    expect(stories.results).toHaveLength(2);
    expect(values.results).toHaveLength(1);
  } finally {
    await live.dispose();
    await test.stop();
  }
});
