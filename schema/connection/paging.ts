import { badUserInput } from '../../server/engine/errors';

/** Items a page holds when `first` is not given, and the most it may hold. */
export const DEFAULT_PAGE = 50;
export const LARGEST_PAGE = 500;

/** A cursor is opaque to clients: the sort key of an item, so a page follows on whatever was added since. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(
  after: string | null | undefined,
  shape: readonly ('string' | 'number')[],
): (string | number)[] | null {
  if (after == null) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    !Array.isArray(key) ||
    key.length !== shape.length ||
    key.some((part, index) => typeof part !== shape[index])
  ) {
    throw badUserInput('after', 'is not a cursor of this list: pass an endCursor or edge cursor it gave');
  }
  return key as (string | number)[];
}

/** `first` as a page size, refused with the field named when it is not 1 to the largest page. */
export function pageSize(first: number, largest = LARGEST_PAGE): number {
  if (!Number.isInteger(first) || first < 1 || first > largest)
    throw badUserInput('first', `first is 1 to ${largest}`);
  return first;
}
