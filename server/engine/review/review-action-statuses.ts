/** Where an action agreed at a review stands; a dropped action stays on the record with why it was agreed. */
export const REVIEW_ACTION_STATUSES = ['OPEN', 'DONE', 'DROPPED'] as const;
export type ReviewActionStatus = (typeof REVIEW_ACTION_STATUSES)[number];
