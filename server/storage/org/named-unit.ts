import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { badUserInput } from '../../engine/errors';
import type { DomainError } from '../../engine/errors';

/** The refusal of a code that names no unit. */
export function noSuchUnit(code: string, field = 'orgUnit'): DomainError {
  return badUserInput(field, `there is no org unit "${code}"`);
}

/** The org unit a command names by code in `field`, or BAD_USER_INPUT naming that field. */
export async function namedUnit(
  em: EntityManager,
  code: string,
  field = 'orgUnit',
  { withParent = false } = {},
): Promise<OrgUnitEntity> {
  const unit = await em.findOne(OrgUnitEntity, { code }, withParent ? { populate: ['parent'] } : {});
  if (!unit) throw noSuchUnit(code, field);
  return unit;
}
