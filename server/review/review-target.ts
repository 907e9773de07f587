import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { badUserInput } from '../errors';

/** The unit a review command names, with its parent (whose managers sign its reviews off). */
export async function findReviewUnit(em: EntityManager, code: string): Promise<OrgUnitEntity> {
  const unit = await em.findOne(OrgUnitEntity, { code }, { populate: ['parent'] });
  if (!unit) throw badUserInput('orgUnit', `there is no org unit "${code}"`);
  return unit;
}
