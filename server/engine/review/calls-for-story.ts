import type { KpiFacts } from '../kpi/findings';

/**
 * A month below Essential, or a special cause either way, is what a team owes a story: a fall to explain,
 * or an improvement to understand well enough to keep. The cycle's REFLECT step waits for these.
 */
export function callsForStory(facts: Pick<KpiFacts, 'tier' | 'point'>): boolean {
  return (
    facts.tier === 'BELOW_ESSENTIAL' ||
    facts.point?.pointType === 'SPECIAL_CAUSE_CONCERN' ||
    facts.point?.pointType === 'SPECIAL_CAUSE_IMPROVEMENT'
  );
}
