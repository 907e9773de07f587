import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { badUserInput } from '../../server/engine/errors';
import { monthsBetween } from '../../server/engine/kpi/period';
import { monthInput } from '../../server/engine/kpi/period-input';
import { MINIMUM_VALUES_FOR_LIMITS } from '../../server/engine/kpi/spc';
import type { SeriesWithTargets } from './read-series';
import type { Context } from '../context';
import { OrgUnit } from '../org-unit/org-unit.type';
import { readSeries } from './read-series';
import { SpcSeries } from './spc-series.type';

/** Ten years of months: longer than any chart a board reads, short enough to answer at once. */
const MAX_MONTHS = 120;

@Resolver(() => OrgUnit)
export class SeriesResolver {
  @FieldResolver(() => SpcSeries, {
    description:
      "A KPI's monthly values here from `from` to `to` as an XmR chart, with Making Data Count's rules applied: signal apart from noise.",
  })
  async series(
    @Root() unit: OrgUnitEntity,
    @Arg('kpi') kpiKey: string,
    @Arg('from', { description: 'The first month, e.g. 2024-04.' }) from: string,
    @Arg('to', { description: 'The last month, e.g. 2026-03.' }) to: string,
    @Ctx() context: Context,
    @Arg('baseline', () => Int, {
      nullable: true,
      description: 'Fix the limits on the first this many values instead of all of them.',
    })
    baseline?: number | null,
    @Arg('rebase', () => [String], {
      nullable: true,
      description:
        'Months at which the process changed (e.g. a new model of care); each starts limits of its own.',
    })
    rebase?: string[] | null,
  ): Promise<SeriesWithTargets> {
    await context.access.require('VIEWER', unit, `Reading ${unit.code}'s series`);
    const kpi = context.registry.named(kpiKey);
    const first = monthInput(from, 'Series', 'from').label;
    const last = monthInput(to, 'Series', 'to').label;
    const months = monthsBetween(first, last);
    if (months.length === 0) throw badUserInput('to', `"${to}" comes before "${from}"`);
    if (months.length > MAX_MONTHS) {
      throw badUserInput(
        'from',
        `a series covers at most ${MAX_MONTHS} months; this asks for ${months.length}`,
      );
    }
    if (
      baseline !== null &&
      baseline !== undefined &&
      (baseline < MINIMUM_VALUES_FOR_LIMITS || baseline > months.length)
    ) {
      throw badUserInput(
        'baseline',
        `a baseline is ${MINIMUM_VALUES_FOR_LIMITS} to ${months.length} points for this series`,
      );
    }
    const rebaseAt = (rebase ?? []).map((month) => {
      const label = monthInput(month, 'Rebase points', 'rebase').label;
      if (label <= first || label > last) {
        throw badUserInput('rebase', `${label} is not a month after ${first} and up to ${last}`);
      }
      return label;
    });
    return readSeries(unit, kpi, months, context, { baseline: baseline ?? undefined, rebaseAt });
  }
}
