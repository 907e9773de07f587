import WebSocket from 'ws';
import { createUnits, treeOf } from './support/build-tree';
import { SUBMIT, followUp } from './support/operations';
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

it(
  'cuts off a subscriber that stops reading instead of buffering for it without end',
  async () => {
    const test = await startTestServer();
    try {
      await createUnits(test, treeOf(1, 1));
      const token = await test.token(['VIEWER']);
      const contributor = await test.token(['CONTRIBUTOR']);

      const socket = new WebSocket(test.server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
      await new Promise((resolve) => socket.once('message', resolve));
      for (let id = 0; id < SUBSCRIPTIONS; id++) {
        const query = `subscription { kpiValueChanged(orgUnit: "SYS") { ${HEAVY_SELECTION} } }`;
        socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query } }));
      }
      while (test.server.live.subscriberCount < SUBSCRIPTIONS)
        await new Promise((resolve) => setTimeout(resolve, 10));

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
      const ended = new Promise<string>((resolve) =>
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
          if (message.type === 'error') resolve(JSON.stringify(message.payload));
        }),
      );
      (socket as unknown as PausableSocket)._socket.resume();
      expect(await ended).toMatch(/fell too far behind/);
      socket.close();
      await closed;
    } finally {
      await test.stop();
    }
  },
  TIMEOUT_MS,
);
