/** What a story tells about a KPI value or a unit's month; the PROGRESS "story" behind a number. */
export const STORY_KINDS = [
  'CONTEXT',
  'ACTION',
  'PATIENT_STORY',
  'LEARNING',
  'OUTLIER_EXPLANATION',
  'CELEBRATION',
] as const;
export type StoryKind = (typeof STORY_KINDS)[number];
