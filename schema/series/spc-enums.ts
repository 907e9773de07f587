import { registerEnumType } from 'type-graphql';

/** Making Data Count's rules for a special cause; see server/kpi/spc.ts for each rule's source. */
export enum SpcRuleEnum {
  ASTRONOMICAL = 'ASTRONOMICAL',
  SHIFT = 'SHIFT',
  TREND = 'TREND',
  TWO_OF_THREE = 'TWO_OF_THREE',
}

export enum PointTypeEnum {
  COMMON_CAUSE = 'COMMON_CAUSE',
  SPECIAL_CAUSE_IMPROVEMENT = 'SPECIAL_CAUSE_IMPROVEMENT',
  SPECIAL_CAUSE_CONCERN = 'SPECIAL_CAUSE_CONCERN',
}

/** The same three readings as a point's type, named as Making Data Count's variation icons are. */
export enum VariationEnum {
  COMMON_CAUSE = 'COMMON_CAUSE',
  SPECIAL_CAUSE_IMPROVEMENT = 'SPECIAL_CAUSE_IMPROVEMENT',
  SPECIAL_CAUSE_CONCERN = 'SPECIAL_CAUSE_CONCERN',
}

export enum AssuranceEnum {
  CONSISTENTLY_PASS = 'CONSISTENTLY_PASS',
  CONSISTENTLY_FAIL = 'CONSISTENTLY_FAIL',
  INCONSISTENT = 'INCONSISTENT',
  NO_TARGET = 'NO_TARGET',
}

registerEnumType(SpcRuleEnum, {
  name: 'SpcRule',
  description: 'A Making Data Count rule for special-cause variation.',
  valuesConfig: {
    ASTRONOMICAL: { description: 'A point beyond a process limit.' },
    SHIFT: { description: 'Seven or more points in a row on one side of the mean.' },
    TREND: { description: 'Seven or more points in a row each higher, or each lower, than the one before.' },
    TWO_OF_THREE: { description: 'Two of three points in a row beyond the two-sigma line on the same side.' },
  },
});
registerEnumType(PointTypeEnum, {
  name: 'PointType',
  description: "A point's variation, read by the KPI's direction.",
});
registerEnumType(VariationEnum, {
  name: 'Variation',
  description: "A series' variation: its last point's type (Making Data Count's variation icon).",
});
registerEnumType(AssuranceEnum, {
  name: 'Assurance',
  description:
    "Whether the process can be relied on to meet the Essential threshold (Making Data Count's assurance icon): the threshold against the process limits.",
});
