import { decodeCursor, pageSize } from './paging';
import { toConnection } from './connection';
import type { Connection } from './connection';

type Key = readonly (string | number)[];

function compareKeys(a: Key, b: Key): number {
  for (let index = 0; index < a.length; index += 1) {
    const [x, y] = [a[index]!, b[index]!];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * A page of a list already read whole and in order, newest first by `keyOf`: the items after the cursor's
 * key, wherever that item now is. For the short lists a unit's stories or one month's versions make.
 */
export function pageOfNewestFirst<Node>(
  items: readonly Node[],
  keyOf: (node: Node) => Key,
  shape: readonly ('string' | 'number')[],
  first: number,
  after: string | null | undefined,
): Connection<Node> {
  const size = pageSize(first);
  const cursor = decodeCursor(after, shape);
  const following = cursor ? items.filter((item) => compareKeys(keyOf(item), cursor) < 0) : items;
  return toConnection(following.slice(0, size + 1), size, keyOf);
}
