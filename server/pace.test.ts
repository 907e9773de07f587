import { inTurns, pacer } from './pace';

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
    const visiting = inTurns([1, 2, 3, 4, 5], (item) => void seen.push(item), 2);
    expect(seen).toEqual([1, 2]);
    await visiting;
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
