/**
 * Care pathways: ordered stages a KPI can be tagged with. Stage keys are shared across pathways,
 * so a KPI tagged `ASSESSMENT` measures the assessment stage of every pathway that has one.
 */
export interface PathwayDefinition {
  key: string;
  name: string;
  stages: readonly { key: string; name: string }[];
}

export const PATHWAYS: readonly PathwayDefinition[] = [
  {
    key: 'ADULT_MENTAL_HEALTH',
    name: 'Adult mental health',
    stages: [
      { key: 'ACCESS', name: 'Access' },
      { key: 'ASSESSMENT', name: 'Assessment' },
      { key: 'TREATMENT', name: 'Treatment' },
      { key: 'DISCHARGE', name: 'Discharge' },
      { key: 'FOLLOW_UP', name: 'Follow-up' },
    ],
  },
];

export const STAGE_KEYS: ReadonlySet<string> = new Set(
  PATHWAYS.flatMap((pathway) => pathway.stages.map((stage) => stage.key)),
);
