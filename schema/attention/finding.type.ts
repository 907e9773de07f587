import { Field, InterfaceType, ObjectType } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import type { KpiDefinition } from '../../server/engine/kpi/define-kpi';
import { parsePeriod } from '../../server/engine/kpi/period';
import { FindingReasonEnum } from '../enums';
import { Kpi } from '../kpi/kpi.type';
import { KpiValue } from '../kpi-value/kpi-value.type';
import { OrgUnit } from '../org-unit/org-unit.type';

/** A finding as the lists answer it: the KPI at its unit, the reasons, the sentence, and what it folds in. */
export interface FoundFinding {
  kpi: KpiDefinition;
  orgUnit: OrgUnitEntity;
  period: string;
  reasons: readonly string[];
  sentence: string;
  alsoAt: OrgUnitEntity[];
  alsoFor: KpiDefinition[];
}

@InterfaceType('Finding', {
  description:
    'What an attention item and a celebration share: a KPI at a unit, why it is listed, and a sentence.',
})
export abstract class FindingType {
  constructor({ kpi, orgUnit, period, reasons, sentence, alsoAt, alsoFor }: FoundFinding) {
    this.kpi = kpi;
    this.orgUnit = orgUnit;
    this.period = period;
    this.reason = reasons[0]!;
    this.reasons = [...reasons];
    this.sentence = sentence;
    this.alsoAt = alsoAt;
    this.alsoFor = alsoFor;
  }

  @Field(() => Kpi)
  kpi: KpiDefinition;

  @Field(() => OrgUnit)
  orgUnit: OrgUnitEntity;

  @Field()
  period: string;

  @Field(() => FindingReasonEnum, { description: 'The strongest reason, which the sentence speaks to.' })
  reason: string;

  @Field(() => [FindingReasonEnum], { description: 'Every reason that applies, strongest first.' })
  reasons: string[];

  @Field({ description: 'One plain sentence for a report or a screen.' })
  sentence: string;

  @Field(() => [OrgUnit], {
    description:
      'Units below this one where the same KPI shows the same reason, said once here rather than again.',
  })
  alsoAt: OrgUnitEntity[];

  @Field(() => [Kpi], {
    description:
      'Other KPIs at this unit with the same reason, said once here: a unit that has stopped reporting is one thing to fix.',
  })
  alsoFor: KpiDefinition[];

  @Field(() => KpiValue, { description: 'The value behind it, for its tier, companions and stories.' })
  get value(): KpiValue {
    return new KpiValue(this.kpi, this.orgUnit, parsePeriod(this.period));
  }
}

@ObjectType('AttentionItem', {
  implements: FindingType,
  description:
    'Something that needs attention. Its reasons are among SPECIAL_CAUSE_CONCERN, CONSISTENTLY_FAILING, TARGET_HIT_POINT_MISSED, FELL_IN_TIER, BELOW_ESSENTIAL and MISSING_DATA.',
})
export class AttentionItem extends FindingType {}

@ObjectType('CelebrationItem', {
  implements: FindingType,
  description:
    'Something worth celebrating. Its reasons are among SPECIAL_CAUSE_IMPROVEMENT, FIRST_TIME_TIER and CONSISTENTLY_PASSING.',
})
export class CelebrationItem extends FindingType {}
