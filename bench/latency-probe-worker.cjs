// Sends `{ __typename }` to the server one request at a time until told to stop, then posts back each
// request's start (ms since the epoch) and latency (ms). A thread of its own, so that the benchmark's own
// work never delays a probe and every delay it sees is the server's.
const { parentPort, workerData } = require('node:worker_threads');

const { url, token, pauseMs } = workerData;
const samples = [];
let stopped = false;
parentPort.on('message', (message) => {
  if (message === 'stop') stopped = true;
});

(async () => {
  while (!stopped) {
    const at = Date.now();
    const sent = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await response.text();
      samples.push([at, performance.now() - sent]);
    } catch {
      samples.push([at, Number.NaN]);
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  parentPort.postMessage(samples);
})();
