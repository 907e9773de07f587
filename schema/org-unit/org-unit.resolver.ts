import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OrgUnitEntity } from '../../server/storage/db/entities/org-unit.entity';
import { pathIds } from '../../server/storage/kpi/rollups';
import type { OrgLevel } from '../../server/engine/kpi/vocabulary';
import { createOrgUnit } from '../../server/storage/org/create-org-unit';
import { inSlices } from '../../server/engine/pace';
import type { Context } from '../context';
import { OrgLevelEnum } from '../enums';
import { CreateOrgUnitInput } from './create-org-unit.input';
import { unitsByPath } from './org-unit.loaders';
import { OrgUnit } from './org-unit.type';

function present<T>(items: readonly (T | null | Error)[]): T[] {
  return items.filter((item): item is T => item !== null && !(item instanceof Error));
}

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  @Query(() => OrgUnit, { nullable: true, description: 'A unit by its code.' })
  orgUnit(@Arg('code') code: string, @Ctx() { loaders }: Context): Promise<OrgUnitEntity | null> {
    return loaders.orgUnits.byCode.load(code);
  }

  @Query(() => [OrgUnit], { description: 'Every unit, or every unit of one level, top of the tree first.' })
  async orgUnits(
    @Ctx() { em, signal }: Context,
    @Arg('level', () => OrgLevelEnum, { nullable: true }) level?: OrgLevel | null,
  ): Promise<(OrgUnitEntity | Promise<OrgUnitEntity>)[]> {
    return inSlices(await unitsByPath(em, level ? { level } : {}), { signal });
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  parent(@Root() unit: OrgUnitEntity, @Ctx() { loaders }: Context): Promise<OrgUnitEntity | null> | null {
    return unit.parent ? loaders.orgUnits.byId.load(unit.parent.id) : null;
  }

  @FieldResolver(() => [OrgUnit], { description: 'The units directly below, by code.' })
  children(@Root() unit: OrgUnitEntity, @Ctx() { loaders }: Context): Promise<OrgUnitEntity[]> {
    return loaders.orgUnits.children.load(unit.id);
  }

  @FieldResolver(() => [OrgUnit], {
    description: 'The units above, from the top of the tree down to the parent.',
  })
  async ancestors(@Root() unit: OrgUnitEntity, @Ctx() { loaders }: Context): Promise<OrgUnitEntity[]> {
    return present(await loaders.orgUnits.byId.loadMany(pathIds(unit.path).slice(0, -1)));
  }

  @FieldResolver(() => [OrgUnit], {
    description: 'Every unit below, optionally of one level only, top-down.',
  })
  async descendants(
    @Root() unit: OrgUnitEntity,
    @Ctx() { loaders, signal }: Context,
    @Arg('level', () => OrgLevelEnum, { nullable: true }) level?: OrgLevel | null,
  ): Promise<(OrgUnitEntity | Promise<OrgUnitEntity>)[]> {
    const below = await loaders.orgUnits.descendants.load(unit.path);
    return inSlices(level ? below.filter((descendant) => descendant.level === level) : below, { signal });
  }

  @Mutation(() => OrgUnit, {
    description:
      'Adds a unit to the tree. Needs ADMIN on the parent (or the whole tree for a top-level unit).',
  })
  createOrgUnit(
    @Arg('input') input: CreateOrgUnitInput,
    @Ctx() { em, access }: Context,
  ): Promise<OrgUnitEntity> {
    return createOrgUnit(em, access, input);
  }
}
