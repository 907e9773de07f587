import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import { badUserInput } from '../../server/errors';
import type { Finding } from '../../server/kpi/findings';
import { needingAttention, worthCelebrating } from '../../server/kpi/findings';
import { monthInput } from '../../server/kpi/period-input';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { AttentionItem, CelebrationItem } from './finding.type';
import type { UnitKpiFacts } from './read-kpi-facts';
import { readKpiFacts } from './read-kpi-facts';

const DEFAULT_ITEMS = 10;
const MAX_ITEMS = 100;

async function subtreeFacts(unit: OrgUnitEntity, period: string, first: number, context: Context) {
  await context.access.require('VIEWER', unit, `Reading what stands out at ${unit.code}`);
  const month = monthInput(period, 'Attention and celebration lists').label;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ITEMS) {
    throw badUserInput('first', `first is 1 to ${MAX_ITEMS}`);
  }
  const units = [unit, ...(await context.loaders.orgUnits.descendants.load(unit.path))];
  return readKpiFacts(units, month, context);
}

function shaped<Item>(
  findings: Finding<string, UnitKpiFacts>[],
  first: number,
  make: (facts: UnitKpiFacts, reasons: string[], sentence: string, alsoAt: OrgUnitEntity[]) => Item,
): Item[] {
  return findings.slice(0, first).map(({ facts, reasons, sentence, alsoAt }) =>
    make(
      facts,
      reasons,
      sentence,
      alsoAt.map((below) => below.unitEntity),
    ),
  );
}

@Resolver(() => OrgUnit)
export class AttentionResolver {
  @FieldResolver(() => [AttentionItem], {
    description:
      "The few things across this unit's subtree that need attention in a month, strongest first: special-cause concerns, processes that will keep failing, targets hit while the point is missed, falls in tier, values below Essential, missing data. Common-cause wobble inside settled limits is not listed.",
  })
  async attention(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, e.g. 2026-03.' }) period: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: DEFAULT_ITEMS }) first: number,
  ): Promise<AttentionItem[]> {
    const facts = await subtreeFacts(unit, period, first, context);
    return shaped(
      needingAttention(facts),
      first,
      (each, reasons, sentence, alsoAt) =>
        new AttentionItem(each.kpiDefinition, each.unitEntity, each.period, reasons, sentence, alsoAt),
    );
  }

  @FieldResolver(() => [CelebrationItem], {
    description:
      "What deserves celebrating across this unit's subtree in a month, strongest first: special-cause improvement, a tier reached for the first time, processes that can be relied on to meet Essential.",
  })
  async celebrations(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, e.g. 2026-03.' }) period: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: DEFAULT_ITEMS }) first: number,
  ): Promise<CelebrationItem[]> {
    const facts = await subtreeFacts(unit, period, first, context);
    return shaped(
      worthCelebrating(facts),
      first,
      (each, reasons, sentence, alsoAt) =>
        new CelebrationItem(each.kpiDefinition, each.unitEntity, each.period, reasons, sentence, alsoAt),
    );
  }
}
