import { parsePeriod } from '../../server/engine/kpi/period';
import type { ReviewDeps } from '../../server/storage/review/review-progress';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import { readOutstanding } from './read-review-cycles';

/**
 * A review mutation decides on, and answers with, what is stored now: an earlier field of the same operation
 * may have cached a cycle or a story through the request's loaders, so it reads through loaders of its own.
 */
export function freshReading(context: Context): Context {
  return { ...context, loaders: createLoaders(context.em) };
}

export function reviewDeps(reading: Context): ReviewDeps {
  return {
    em: reading.em,
    registry: reading.registry,
    access: reading.access,
    now: reading.now(),
    readOutstanding: (unit, period) => readOutstanding(unit, parsePeriod(period), reading),
  };
}
