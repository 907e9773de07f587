import { setImmediate } from 'node:timers/promises';
import { inSlices, inTurns, pacer, stepsInTurns } from './pace';

describe('pacer', () => {
  it('lets the first calls go on at once and each later slice after one more turn of the event loop', async () => {
    const pace = pacer(2);
    const order: string[] = [];
    const work = (name: string) => {
      const waiting = pace();
      return waiting ? waiting.then(() => void order.push(name)) : void order.push(name);
    };
    const done = ['a', 'b', 'c', 'd', 'e'].map(work);
    order.push('sync');
    expect(order).toEqual(['a', 'b', 'sync']);
    await Promise.all(done.slice(0, 4));
    // The third slice waits for a turn after the second's.
    expect(order).toEqual(['a', 'b', 'sync', 'c', 'd']);
    await done[4];
    expect(order).toEqual(['a', 'b', 'sync', 'c', 'd', 'e']);
  });
});

describe('inTurns', () => {
  it('visits every item in order, a slice at a time', async () => {
    const seen: number[] = [];
    const visiting = inTurns([1, 2, 3, 4, 5], (item) => void seen.push(item), { slice: 2 });
    expect(seen).toEqual([1, 2]);
    await visiting;
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('inSlices', () => {
  it('hands out the first slice at once and each later slice one turn of the event loop after the one before', async () => {
    const items = inSlices(['a', 'b', 'c', 'd', 'e'], { slice: 2 });
    expect(items.slice(0, 2)).toEqual(['a', 'b']);
    const arrived: string[] = [];
    for (const item of items.slice(2)) void Promise.resolve(item).then((value) => arrived.push(value));
    await Promise.resolve();
    expect(arrived).toEqual([]);
    await setImmediate();
    expect(arrived).toEqual(['c', 'd']);
    await setImmediate();
    expect(arrived).toEqual(['c', 'd', 'e']);
  });
});

describe('stepsInTurns', () => {
  it('runs one step of a generator per turn of the event loop, then answers its result', async () => {
    const order: string[] = [];
    function* steps(): Generator<void, string, void> {
      order.push('first step');
      yield;
      order.push('second step');
      return 'result';
    }
    void setImmediate().then(() => order.push('other work'));
    const running = stepsInTurns(steps());
    expect(order).toEqual(['first step']);
    expect(await running).toBe('result');
    expect(order).toEqual(['first step', 'other work', 'second step']);
  });
});

describe('work in turns, cancelled', () => {
  const cancelled = () => {
    const controller = new AbortController();
    const reason = new Error('the request has gone');
    return { signal: controller.signal, cancel: () => controller.abort(reason), reason };
  };

  it('stops a generator at its next turn once its request is cancelled', async () => {
    const { signal, cancel, reason } = cancelled();
    let stepsRun = 0;
    function* steps(): Generator<void, string, void> {
      for (;;) {
        stepsRun++;
        if (stepsRun === 2) cancel();
        yield;
      }
    }
    await expect(stepsInTurns(steps(), signal)).rejects.toBe(reason);
    expect(stepsRun).toBe(2);
  });

  it('visits no slice after the turn at which its request was cancelled', async () => {
    const { signal, cancel, reason } = cancelled();
    const seen: number[] = [];
    const visiting = inTurns([1, 2, 3, 4, 5], (item) => void seen.push(item), { slice: 2, signal });
    cancel();
    await expect(visiting).rejects.toBe(reason);
    expect(seen).toEqual([1, 2]);
  });

  it('rejects the items of every later slice, and every later pace, once cancelled', async () => {
    const { signal, cancel, reason } = cancelled();
    const items = inSlices(['a', 'b', 'c'], { slice: 2, signal });
    const pace = pacer(1, signal);
    expect(pace()).toBeUndefined();
    cancel();
    expect(items.slice(0, 2)).toEqual(['a', 'b']);
    await expect(items[2]).rejects.toBe(reason);
    expect(() => pace()).toThrow(reason);
  });
});
