import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../engine/access/access';
import { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { badUserInput } from '../../engine/errors';
import { refuseNhsNumber } from '../../engine/free-text';
import type { OrgLevel } from '../../engine/kpi/vocabulary';
import { ORG_LEVELS, isOneOf, levelRank } from '../../engine/kpi/vocabulary';
import { namedUnit } from './named-unit';
import { countNewUnit } from './unit-counts';

export interface CreateOrgUnitCommand {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode?: string | null;
  tags?: readonly string[] | null;
}

/** ODS-style: upper-case letters and digits, optionally joined by hyphens. */
const CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const TAG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A name as a person reads it, in characters (an emoji is one), not in UTF-16 code units. */
const MAX_NAME_CHARACTERS = 200;
/** Tags say what kind of unit it is (inpatient, community, older-adults): a few short words each. */
const MAX_TAGS = 20;
const MAX_TAG_CHARACTERS = 64;
/** Only these levels may stand at the top of a tree: a trust need not belong to a modelled system. */
const ROOT_LEVELS: readonly OrgLevel[] = ['SYSTEM', 'ORGANISATION'];

const INSERT_WITH_PATH = `
with next as (select nextval('org_unit_id_seq') as id)
insert into org_unit (id, code, name, level, parent_id, path, tags)
select next.id, ?, ?, ?, ?, ? || next.id || '.', array[?]::text[] from next
returning id, path`;

export interface NewOrgUnit {
  code: string;
  name: string;
  level: OrgLevel;
  parent: { id: number; path: string } | null;
  tags: readonly string[];
}

/** Inserts a unit whose path is its parent's path plus its own new id, and counts it in every subtree. */
export async function insertOrgUnit(
  em: EntityManager,
  unit: NewOrgUnit,
): Promise<{ id: number; path: string }> {
  const [row] = await em.execute<{ id: number; path: string }[]>(INSERT_WITH_PATH, [
    unit.code,
    unit.name,
    unit.level,
    unit.parent?.id ?? null,
    unit.parent?.path ?? '',
    [...unit.tags],
  ]);
  await countNewUnit(em, { path: row!.path, level: unit.level, tags: unit.tags });
  return row!;
}

/** Checks a new unit's every field and the caller's right to add it, then adds it. */
export async function createOrgUnit(
  em: EntityManager,
  access: Access,
  command: CreateOrgUnitCommand,
): Promise<OrgUnitEntity> {
  const code = command.code.trim();
  if (!CODE_PATTERN.test(code) || code.length > 64) {
    throw badUserInput(
      'code',
      `"${command.code}" is not a unit code: use upper-case letters and digits, joined by hyphens`,
    );
  }
  refuseNhsNumber('code', code);
  const name = command.name.trim();
  if (name === '' || [...name].length > MAX_NAME_CHARACTERS) {
    throw badUserInput('name', `must be 1 to ${MAX_NAME_CHARACTERS} characters`);
  }
  refuseNhsNumber('name', name);
  if (!isOneOf(ORG_LEVELS, command.level))
    throw badUserInput('level', `must be one of ${ORG_LEVELS.join(', ')}`);
  const tags = [...new Set(command.tags ?? [])];
  if (tags.length > MAX_TAGS)
    throw badUserInput('tags', `a unit has at most ${MAX_TAGS} tags; this has ${tags.length}`);
  const badTag = tags.find((tag) => !TAG_PATTERN.test(tag) || tag.length > MAX_TAG_CHARACTERS);
  if (badTag !== undefined)
    throw badUserInput(
      'tags',
      `"${badTag.slice(0, MAX_TAG_CHARACTERS)}" is not a tag: use lower-case words joined by hyphens, at most ${MAX_TAG_CHARACTERS} characters`,
    );
  for (const tag of tags) refuseNhsNumber('tags', tag);

  const parent = command.parentCode ? await namedUnit(em, command.parentCode, 'parentCode') : null;
  if (parent) {
    if (levelRank(parent.level) <= levelRank(command.level)) {
      throw badUserInput(
        'parentCode',
        `a ${command.level} cannot sit under ${parent.code}, a ${parent.level}: a parent's level must be higher`,
      );
    }
  } else if (!ROOT_LEVELS.includes(command.level)) {
    throw badUserInput(
      'parentCode',
      `a ${command.level} needs a parent unit; only ${ROOT_LEVELS.join(' and ')} units stand alone`,
    );
  }
  await access.require(
    'ADMIN',
    parent,
    parent ? `Adding a unit under ${parent.code}` : 'Adding a top-level unit',
  );

  const taken = () => badUserInput('code', `"${code}" is already the code of another unit`);
  if (await em.count(OrgUnitEntity, { code })) throw taken();
  try {
    const { id } = await em.transactional((tx) =>
      insertOrgUnit(tx, { code, name, level: command.level, parent, tags }),
    );
    return await em.findOneOrFail(OrgUnitEntity, { id });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw taken();
    throw error;
  }
}
