import { CUT_OFF_MESSAGE, EventQueue, MAX_PENDING_EVENTS } from './event-queue';

function queue<T>(first: T[] = []) {
  const ends = { count: 0 };
  return { events: new EventQueue<T>(() => ends.count++, first), ends };
}

describe('EventQueue', () => {
  it('sends the first values, then what is pushed, in order, to a reader ahead or behind', async () => {
    const { events } = queue(['initial']);
    events.push('queued');
    expect(await events.next()).toEqual({ done: false, value: 'initial' });
    expect(await events.next()).toEqual({ done: false, value: 'queued' });
    const waiting = events.next();
    events.push('awaited');
    expect(await waiting).toEqual({ done: false, value: 'awaited' });
  });

  it('cuts off a reader too far behind: drops what is queued, ends, and says why', async () => {
    const { events, ends } = queue(['initial']);
    for (let event = 0; event < MAX_PENDING_EVENTS; event++) events.push(`event ${event}`);
    expect(ends.count).toBe(0);

    events.push('one too many');
    expect(ends.count).toBe(1);
    await expect(events.next()).rejects.toThrow(CUT_OFF_MESSAGE);
    events.push('after the end');
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('ends once when the subscriber leaves, releasing a reader that waits', async () => {
    const { events, ends } = queue<string>();
    const waiting = events.next();
    await events.return();
    await events.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(ends.count).toBe(1);
    events.push('after the end');
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });
});
