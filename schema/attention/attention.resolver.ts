import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/db/entities/org-unit.entity';
import { badUserInput } from '../../server/errors';
import { needingAttention, worthCelebrating } from '../../server/kpi/findings';
import { monthInput } from '../../server/kpi/period-input';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { AttentionItem, CelebrationItem } from './finding.type';
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
    return needingAttention(facts)
      .slice(0, first)
      .map((finding) => new AttentionItem(finding));
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
    return worthCelebrating(facts)
      .slice(0, first)
      .map((finding) => new CelebrationItem(finding));
  }
}
