import { currentStep, outstanding } from './review-steps';
import type { ReviewProgress, ReviewStep } from './review-steps';

const DONE: ReviewProgress = {
  unreported: [],
  unreflected: [],
  signedOff: true,
  actions: 1,
  refreshed: true,
};
const NOTHING: ReviewProgress = {
  unreported: ['seven-day-follow-up'],
  unreflected: ['physical-interventions'],
  signedOff: false,
  actions: 0,
  refreshed: false,
};

describe('currentStep', () => {
  it.each<[string, ReviewStep, ReviewProgress]>([
    ['nothing done', 'REPORT', NOTHING],
    ['reported, with a KPI needing a story', 'REFLECT', { ...NOTHING, unreported: [] }],
    ['reported and reflected', 'REVIEW', { ...NOTHING, unreported: [], unreflected: [] }],
    ['signed off', 'RETHINK', { ...DONE, actions: 0, refreshed: false }],
    ['signed off, with an action', 'REFRESH', { ...DONE, refreshed: false }],
    ['refreshed', 'COMPLETE', DONE],
    // The sign-off attests REPORT and REFLECT were done; a later correction does not undo it.
    [
      'signed off, then a late gap',
      'REFRESH',
      { ...DONE, unreported: ['a'], unreflected: ['b'], refreshed: false },
    ],
  ])('%s: %s', (_case, step, progress) => {
    expect(currentStep(progress)).toBe(step);
  });
});

describe('outstanding', () => {
  it('names the KPIs REPORT and REFLECT are waiting for', () => {
    expect(outstanding('REPORT', { ...NOTHING, unreported: ['a', 'b'] })).toBe(
      'observations are still expected for a, b',
    );
    expect(outstanding('REFLECT', NOTHING)).toMatch(/^physical-interventions needs a story/);
    expect(outstanding('REFLECT', { ...NOTHING, unreflected: ['a', 'b'] })).toMatch(/^a, b need a story/);
  });
});
