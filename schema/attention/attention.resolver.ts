import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import { badUserInput } from '../../server/errors';
import { monthInput } from '../../server/kpi/period-input';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { AttentionItem, CelebrationItem } from './finding.type';
import type { FactList } from './fact.loaders';
import { readFindings } from './read-findings';

const DEFAULT_ITEMS = 10;
const MAX_ITEMS = 100;

async function readList(
  unit: OrgUnitEntity,
  period: string,
  first: number,
  list: FactList,
  context: Context,
) {
  await context.access.require('VIEWER', unit, `Reading what stands out at ${unit.code}`);
  const month = monthInput(period, 'Attention and celebration lists').label;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ITEMS) {
    throw badUserInput('first', `first is 1 to ${MAX_ITEMS}`);
  }
  return readFindings(unit, month, list, first, context);
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
    return (await readList(unit, period, first, 'attention', context)).map(
      (finding) => new AttentionItem(finding),
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
    return (await readList(unit, period, first, 'celebration', context)).map(
      (finding) => new CelebrationItem(finding),
    );
  }
}
