/**
 * A finding's reasons as stored: one bit per reason, by its place in the list's order (strongest first), so a
 * fact that any list speaks of costs a few bytes. The reasons come back strongest first, as they were made.
 */
export function reasonBits<Reason extends string>(
  reasons: readonly Reason[],
  order: readonly Reason[],
): number {
  return reasons.reduce((bits, reason) => bits | (1 << order.indexOf(reason)), 0);
}

export function reasonsFromBits<Reason extends string>(bits: number, order: readonly Reason[]): Reason[] {
  return order.filter((_, position) => (bits & (1 << position)) !== 0);
}
