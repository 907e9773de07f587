import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { badUserInput } from '../errors';

/** The org unit a command names by code in `field`, or BAD_USER_INPUT naming that field. */
export async function namedUnit(
  em: EntityManager,
  code: string,
  field = 'orgUnit',
  { withParent = false } = {},
): Promise<OrgUnitEntity> {
  const unit = await em.findOne(OrgUnitEntity, { code }, withParent ? { populate: ['parent'] } : {});
  if (!unit) throw badUserInput(field, `there is no org unit "${code}"`);
  return unit;
}
