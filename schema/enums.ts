import { registerEnumType } from 'type-graphql';
import { THRESHOLD_SOURCES } from '../server/engine/kpi/applied-thresholds';
import { ATTENTION_REASONS, CELEBRATION_REASONS } from '../server/engine/kpi/findings';
import { ASSURANCES, POINT_TYPES, SPC_RULES } from '../server/engine/kpi/spc';
import { DIRECTIONS, DOMAINS, ORG_LEVELS, TIERS } from '../server/engine/kpi/vocabulary';
import { REVIEW_ACTION_STATUSES } from '../server/engine/review/review-action-statuses';
import { REVIEW_STEPS } from '../server/engine/review/review-steps';
import { STORY_KINDS } from '../server/engine/story/story-kinds';

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const DomainEnum = enumOf(DOMAINS);
export const OrgLevelEnum = enumOf(ORG_LEVELS);
export const DirectionEnum = enumOf(DIRECTIONS);
export const TierEnum = enumOf(TIERS);
export const StoryKindEnum = enumOf(STORY_KINDS);
export const ThresholdSourceEnum = enumOf(THRESHOLD_SOURCES);
export const SpcRuleEnum = enumOf(SPC_RULES);
export const PointTypeEnum = enumOf(POINT_TYPES);
/** The same three readings as a point's type, named as Making Data Count's variation icons are. */
export const VariationEnum = enumOf(POINT_TYPES);
export const AssuranceEnum = enumOf(ASSURANCES);
export const ReviewStepEnum = enumOf(REVIEW_STEPS);
export const ReviewActionStatusEnum = enumOf(REVIEW_ACTION_STATUSES);
export const FindingReasonEnum = enumOf([...ATTENTION_REASONS, ...CELEBRATION_REASONS]);

registerEnumType(DomainEnum, {
  name: 'Domain',
  description: 'The four PROGRESS domains every KPI belongs to.',
});
registerEnumType(OrgLevelEnum, {
  name: 'OrgLevel',
  description: 'Levels of the organisation tree, from the individual to the integrated care system.',
});
registerEnumType(DirectionEnum, { name: 'Direction', description: 'Which way a KPI improves.' });
registerEnumType(TierEnum, {
  name: 'Tier',
  description: 'The highest ambition tier a value meets; a value exactly on a threshold meets it.',
});
registerEnumType(ThresholdSourceEnum, {
  name: 'ThresholdSource',
  description: "Where a value's tier thresholds came from: the KPI's plugin, or a unit's local setting.",
});
registerEnumType(StoryKindEnum, {
  name: 'StoryKind',
  description: 'What a story tells about the number it sits beside.',
  valuesConfig: {
    CONTEXT: { description: 'What was going on that the number alone does not show.' },
    ACTION: { description: 'What the team did, or is doing, about it.' },
    PATIENT_STORY: { description: "A person's experience of care, told without identifying them." },
    LEARNING: { description: 'What the team learned and will do differently.' },
    OUTLIER_EXPLANATION: { description: 'Why a value stands out from its usual range.' },
    CELEBRATION: { description: 'Something that went well and deserves notice.' },
  },
});
registerEnumType(ReviewStepEnum, {
  name: 'ReviewStep',
  description: 'The steps of the PROGRESS governance cycle, in order; a cycle is at the first not yet done.',
  valuesConfig: {
    REPORT: { description: 'Every observation expected for the month is in.' },
    REFLECT: { description: 'Every KPI below Essential or showing a special cause has a story.' },
    REVIEW: { description: 'A manager above the unit has signed the month off, with a comment.' },
    RETHINK: { description: 'At least one action has been agreed.' },
    REFRESH: { description: 'What to carry into the next month has been recorded.' },
    COMPLETE: { description: 'Every step is done.' },
  },
});
registerEnumType(ReviewActionStatusEnum, {
  name: 'ReviewActionStatus',
  description: 'Where an action agreed at a review stands.',
});
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
registerEnumType(FindingReasonEnum, {
  name: 'FindingReason',
  description:
    'Why a KPI at a unit is listed: the first six in `attention`, strongest first; the last three in `celebrations`.',
  valuesConfig: {
    SPECIAL_CAUSE_CONCERN: {
      description:
        "Attention: the month's point on the unit's 24-month chart is special cause, the wrong way.",
    },
    CONSISTENTLY_FAILING: {
      description:
        "Attention: the chart's limits sit wholly on the failing side of Essential: it will keep failing unless the process changes.",
    },
    TARGET_HIT_POINT_MISSED: {
      description: 'Attention: the value meets a tier while a companion is under its floor.',
    },
    FELL_IN_TIER: {
      description:
        'Attention: the tier is lower than last month, and the fall is not common-cause wobble inside settled limits.',
    },
    BELOW_ESSENTIAL: {
      description:
        'Attention: the value is below Essential, and it is not a red month in a settled process that hits and misses.',
    },
    MISSING_DATA: {
      description:
        'Attention: a collecting unit that reported the KPI in earlier months of its chart has not reported it this month.',
    },
    SPECIAL_CAUSE_IMPROVEMENT: {
      description: "Celebration: the month's point is special cause, the right way.",
    },
    FIRST_TIME_TIER: {
      description:
        "Celebration: the value reaches a tier it never reached in the chart's earlier months (at least 6 of them with a value).",
    },
    CONSISTENTLY_PASSING: {
      description: "Celebration: the chart's limits sit wholly on the passing side of Essential.",
    },
  },
});
