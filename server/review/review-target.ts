import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { badUserInput } from '../errors';
import { isFutureMonth } from '../kpi/period';
import { monthInput } from '../kpi/period-input';

/** The unit a review command names, with its parent (whose managers sign its reviews off). */
export async function findReviewUnit(em: EntityManager, code: string): Promise<OrgUnitEntity> {
  const unit = await em.findOne(OrgUnitEntity, { code }, { populate: ['parent'] });
  if (!unit) throw badUserInput('orgUnit', `there is no org unit "${code}"`);
  return unit;
}

/** The month a review command is about: a month that has begun, since a review looks back on it. */
export function reviewMonth(label: string, now: Date): string {
  const period = monthInput(label, 'Governance cycles').label;
  if (isFutureMonth(period, now)) throw badUserInput('period', `${period} is in the future`);
  return period;
}
