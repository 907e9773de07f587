/**
 * The PROGRESS governance cycle a unit runs for every month: Report → Reflect → Review → Rethink → Refresh.
 * A cycle is at the first step that is not done; COMPLETE once all five are.
 */
export const REVIEW_STEPS = ['REPORT', 'REFLECT', 'REVIEW', 'RETHINK', 'REFRESH', 'COMPLETE'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

/** What a cycle has done so far, and what is outstanding in the steps read from the data. */
export interface ReviewProgress {
  /** KPIs whose expected observations are not all in (REPORT). */
  unreported: readonly string[];
  /** KPIs below Essential or showing a special cause that have no story yet (REFLECT). */
  unreflected: readonly string[];
  signedOff: boolean;
  actions: number;
  refreshed: boolean;
}

/**
 * The step a cycle is at. A sign-off attests that REPORT and REFLECT were done when it was given, so a later
 * correction that leaves something unreported or unreflected shows in those steps without undoing it.
 */
export function currentStep(progress: ReviewProgress): ReviewStep {
  if (!progress.signedOff) {
    if (progress.unreported.length > 0) return 'REPORT';
    if (progress.unreflected.length > 0) return 'REFLECT';
    return 'REVIEW';
  }
  if (progress.actions === 0) return 'RETHINK';
  if (!progress.refreshed) return 'REFRESH';
  return 'COMPLETE';
}

/** What the step a cycle is at still needs, as a phrase for an error message. */
export function outstanding(step: ReviewStep, progress: ReviewProgress): string {
  switch (step) {
    case 'REPORT':
      return `observations are still expected for ${progress.unreported.join(', ')}`;
    case 'REFLECT':
      return `${progress.unreflected.join(', ')} ${progress.unreflected.length === 1 ? 'needs' : 'need'} a story (below Essential or a special cause) on the unit or a unit below it`;
    case 'REVIEW':
      return 'a MANAGER above the unit has yet to sign off the review';
    case 'RETHINK':
      return 'no action has been agreed yet';
    case 'REFRESH':
      return 'the next month has yet to be refreshed';
    case 'COMPLETE':
      return 'every step is done';
  }
}
