import { DeliveryQueue } from './delivery-queue';

/** A delivery that records each batch it is given and fails while `failures` says so. */
function recording(failures: { left: number }) {
  const attempts: number[][] = [];
  const errors: { ids: readonly number[]; givenUp: boolean }[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const queue = (options = { firstRetryMs: 1, retryWindowMs: 60_000 }) =>
    new DeliveryQueue(
      async (ids) => {
        attempts.push([...ids]);
        await gate;
        if (failures.left > 0) {
          failures.left--;
          throw new Error('the read failed');
        }
      },
      (_error, ids, givenUp) => void errors.push({ ids, givenUp }),
      options,
    );
  return {
    attempts,
    errors,
    queue,
    /** Holds every delivery until the returned function is called. */
    hold(): () => void {
      gate = new Promise((resolve) => (release = resolve));
      return () => release();
    },
  };
}

describe('DeliveryQueue', () => {
  it('delivers in the order received, and what queued during a delivery as one batch after it', async () => {
    const delivery = recording({ left: 0 });
    const queue = delivery.queue();
    const release = delivery.hold();
    queue.add(1);
    queue.add(2);
    queue.add(3);
    release();
    await queue.idle();
    queue.add(4);
    await queue.idle();
    expect(delivery.attempts).toEqual([[1], [2, 3], [4]]);
  });

  it('tries a failed delivery again with the same changes, later ones waiting behind it', async () => {
    const delivery = recording({ left: 2 });
    const queue = delivery.queue();
    queue.add(1);
    queue.add(2);
    await queue.idle();
    expect(delivery.attempts).toEqual([[1], [1], [1], [2]]);
    expect(delivery.errors).toEqual([
      { ids: [1], givenUp: false },
      { ids: [1], givenUp: false },
    ]);
  });

  it('gives a delivery up once its retry window has passed, says so, and goes on with the next', async () => {
    const delivery = recording({ left: Infinity });
    const queue = delivery.queue({ firstRetryMs: 1, retryWindowMs: 0 });
    queue.add(1);
    queue.add(2);
    await queue.idle();
    expect(delivery.attempts).toEqual([[1], [2]]);
    expect(delivery.errors).toEqual([
      { ids: [1], givenUp: true },
      { ids: [2], givenUp: true },
    ]);
  });

  it('stops: a delivery waiting to be retried is not, and nothing queued afterwards is delivered', async () => {
    const delivery = recording({ left: Infinity });
    const queue = delivery.queue({ firstRetryMs: 60_000, retryWindowMs: 600_000 });
    queue.add(1);
    while (delivery.errors.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await queue.stop();
    queue.add(2);
    await queue.idle();
    expect(delivery.attempts).toEqual([[1]]);
  });
});
