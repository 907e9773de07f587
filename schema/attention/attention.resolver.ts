import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { badUserInput } from '../../server/engine/errors';
import { monthInput } from '../../server/engine/kpi/period-input';
import { decodeCursor } from '../connection/paging';
import { connectionType, toConnection } from '../connection/connection';
import type { Connection } from '../connection/connection';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { AttentionItem, CelebrationItem } from './finding.type';
import type { FactList } from './fact.loaders';
import { readFindings } from './read-findings';

const DEFAULT_ITEMS = 10;
const MAX_ITEMS = 100;
/** How far down a ranked list pages reach: far past what any board reads. */
const DEEPEST_ITEM = 1_000;

export const AttentionConnection = connectionType(AttentionItem, 'AttentionItem');

/** The month a list is asked for, once the viewer may read it and `first` is a size a list may have. */
async function checkList(unit: OrgUnitEntity, period: string, first: number, context: Context) {
  await context.access.require('VIEWER', unit, `Reading what stands out at ${unit.code}`);
  const month = monthInput(period, 'Attention and celebration lists').label;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ITEMS) {
    throw badUserInput('first', `first is 1 to ${MAX_ITEMS}`);
  }
  return month;
}

async function readList(
  unit: OrgUnitEntity,
  period: string,
  first: number,
  list: FactList,
  context: Context,
) {
  return readFindings(unit, await checkList(unit, period, first, context), list, first, context);
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

  @FieldResolver(() => AttentionConnection, {
    description:
      'The items of `attention`, strongest first, a page at a time. A cursor is a place in the ranking, which a commit can change: a page read after one may repeat or skip an item.',
  })
  async attentionConnection(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, e.g. 2026-03.' }) period: string,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: DEFAULT_ITEMS }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<AttentionItem>> {
    const month = await checkList(unit, period, first, context);
    const [place] = decodeCursor(after, ['number']) ?? [0];
    const skip = place as number;
    if (!Number.isSafeInteger(skip) || skip < 0 || skip + first > DEEPEST_ITEM) {
      throw badUserInput('after', `pages reach the strongest ${DEEPEST_ITEM} items`);
    }
    const findings = (await readFindings(unit, month, 'attention', skip + first + 1, context)).slice(skip);
    return toConnection(
      findings.map((finding) => new AttentionItem(finding)),
      first,
      (_item, index) => [skip + index + 1],
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
