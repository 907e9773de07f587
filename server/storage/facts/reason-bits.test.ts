import { ATTENTION_REASONS, CELEBRATION_REASONS } from '../../engine/kpi/findings';
import { reasonBits, reasonsFromBits } from './reason-bits';

describe('reason bits', () => {
  it.each([
    [[], 0],
    [['SPECIAL_CAUSE_CONCERN'], 1],
    [['SPECIAL_CAUSE_CONCERN', 'FELL_IN_TIER', 'BELOW_ESSENTIAL'], 0b11001],
    [['MISSING_DATA'], 0b100000],
  ] as const)('stores attention reasons %p as %i and reads them back in order', (reasons, bits) => {
    expect(reasonBits(reasons, ATTENTION_REASONS)).toBe(bits);
    expect(reasonsFromBits(bits, ATTENTION_REASONS)).toEqual(reasons);
  });

  it('reads every celebration reason back strongest first', () => {
    const all = [...CELEBRATION_REASONS];
    expect(reasonsFromBits(reasonBits([...all].reverse(), CELEBRATION_REASONS), CELEBRATION_REASONS)).toEqual(
      all,
    );
  });
});
