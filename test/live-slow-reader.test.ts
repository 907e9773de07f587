import WebSocket from 'ws';
import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
import type { TestServer } from './support/test-server';
import { startTestServer } from './support/test-server';

const SUBSCRIPTIONS = 50;
/** Large events fill the socket's buffers quickly: about 1 KB each, 50 KB a submission across the subscriptions. */
const HEAVY_SELECTION = `kpi { key name why prompts inputs { name label kind } }
  orgUnit { code name } period value tier reporting expected inputs { name value }`;

type PausableSocket = { _socket: { pause(): void; resume(): void } };
/**
 * The cut-off needs a couple of hundred submissions, each with its live change and the attention facts it
 * queues; on the embedded database they all share one connection, which under a loaded machine can take
 * longer than the suite's minute.
 */
const TIMEOUT_MS = 240_000;
/** Longer than the test: the screen is cut off for what piled up, before it could be dropped for a missed ping. */
const NO_PINGS_MS = 2 * TIMEOUT_MS;

/** A socket that has said hello with this token and holds these subscriptions, each answered once open. */
async function subscribed(url: string, token: string, queries: readonly string[]): Promise<WebSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise((resolve) => socket.once('message', resolve));
  queries.forEach((query, id) =>
    socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query } })),
  );
  return socket;
}

async function subscriberCountReaches(test: TestServer, count: number): Promise<void> {
  while (test.server.live.subscriberCount !== count) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The first error message the socket reads, or how it closed if it closes first. */
function firstErrorOrClose(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'error') resolve(JSON.stringify(message.payload));
    });
    socket.once('close', (code) => resolve(`closed with ${code} before any error`));
  });
}

it(
  'cuts off a subscriber that stops reading instead of buffering for it without end',
  async () => {
    const test = await startTestServer({}, { keepAliveMs: NO_PINGS_MS });
    let socket: WebSocket | undefined;
    try {
      await createUnits(test, treeOf(1, 1));
      const token = await test.token(['VIEWER']);
      const contributor = await test.token(['CONTRIBUTOR']);
      const query = `subscription { kpiValueChanged(orgUnit: "SYS") { ${HEAVY_SELECTION} } }`;
      socket = await subscribed(
        test.server.url,
        token,
        Array.from({ length: SUBSCRIPTIONS }, () => query),
      );
      await subscriberCountReaches(test, SUBSCRIPTIONS);

      // The screen hangs: its socket stops reading, so what the server sends it piles up.
      (socket as unknown as PausableSocket)._socket.pause();
      let submissions = 0;
      for (let year = 2000; test.server.live.subscriberCount > 0 && year < 2026; year++) {
        for (let month = 1; month <= 12 && test.server.live.subscriberCount > 0; month++) {
          const period = `${year}-${String(month).padStart(2, '0')}`;
          await test.graphql(SUBMIT, { input: followUp('SVC1-T1', period, 1, 2, 1) }, contributor);
          submissions++;
        }
      }
      expect(test.server.live.subscriberCount).toBe(0);
      // It took megabytes, not a handful of events, to be cut off; reading again, the client learns why.
      expect(submissions).toBeGreaterThan(20);
      const ended = firstErrorOrClose(socket);
      (socket as unknown as PausableSocket)._socket.resume();
      expect(await ended).toMatch(/fell too far behind/);
    } finally {
      socket?.terminate();
      await test.stop();
    }
  },
  TIMEOUT_MS,
);

it('drops a screen that stops answering pings, and everything it subscribed to', async () => {
  const test = await startTestServer({}, { keepAliveMs: 200 });
  let socket: WebSocket | undefined;
  try {
    await createUnits(test, treeOf(1, 1));
    const token = await test.token(['VIEWER']);
    socket = await subscribed(test.server.url, token, [
      'subscription { kpiValueChanged(orgUnit: "SYS") { value } }',
    ]);
    await subscriberCountReaches(test, 1);
    const closed = new Promise<number>((resolve) => socket!.once('close', resolve));

    (socket as unknown as PausableSocket)._socket.pause();
    await subscriberCountReaches(test, 0);
    (socket as unknown as PausableSocket)._socket.resume();
    // Terminated, not closed with a code: the server stopped waiting for a screen that does not answer.
    expect(await closed).toBe(1006);
  } finally {
    socket?.terminate();
    await test.stop();
  }
});
