import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { monthInput } from '../../server/engine/kpi/period-input';
import type { OrgLevel } from '../../server/engine/kpi/vocabulary';
import type { Context } from '../context';
import { OrgLevelEnum } from '../enums';
import { OrgUnit } from '../org-unit/org-unit.type';
import { readReviewCycles } from './read-review-cycles';
import { ReviewCycle } from './review-cycle.type';

/** By code point, so the order is the same on every database whatever its collation. */
const byCode = (a: OrgUnitEntity, b: OrgUnitEntity) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

@Resolver(() => OrgUnit)
export class OrgUnitReviewsResolver {
  @FieldResolver(() => ReviewCycle, {
    description: "This unit's governance cycle for a month: the step it is at, and each step's detail.",
  })
  async review(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, e.g. 2026-10.' }) period: string,
    @Ctx() context: Context,
  ): Promise<ReviewCycle> {
    const month = monthInput(period, 'Governance cycles');
    await context.access.require('VIEWER', unit, `Reading the governance cycle of ${unit.code}`);
    const [cycle] = await readReviewCycles([unit], month, context);
    return cycle!;
  }

  @FieldResolver(() => [ReviewCycle], {
    description:
      'The governance cycles of the units below this one for a month, by code: its children, or every unit below it at one level.',
  })
  async reviews(
    @Root() unit: OrgUnitEntity,
    @Arg('period', { description: 'A month, e.g. 2026-10.' }) period: string,
    @Ctx() context: Context,
    @Arg('level', () => OrgLevelEnum, { nullable: true }) level?: OrgLevel | null,
  ): Promise<ReviewCycle[]> {
    const month = monthInput(period, 'Governance cycles');
    await context.access.require('VIEWER', unit, `Reading the governance cycles below ${unit.code}`);
    const { orgUnits } = context.loaders;
    const below = level
      ? (await orgUnits.descendants.load(unit.path)).filter((descendant) => descendant.level === level)
      : await orgUnits.children.load(unit.id);
    return readReviewCycles([...below].sort(byCode), month, context);
  }
}
