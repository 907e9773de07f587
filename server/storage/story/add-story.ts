import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../engine/access/access';
import { StoryRevisionEntity } from '../db/entities/story-revision.entity';
import { StoryEntity } from '../db/entities/story.entity';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { pastMonthInput } from '../../engine/kpi/period-input';
import { announceStoryAdded } from '../live/story-added';
import { checkFreeText } from '../../engine/free-text';
import { checkStoryKind } from '../../engine/story/check-story-input';
import { namedUnit } from '../org/named-unit';

export interface AddStoryCommand {
  orgUnit: string;
  period: string;
  /** Absent for a story about the unit's month as a whole. */
  kpi?: string | null;
  kind: string;
  text: string;
}

export interface StoryDeps {
  em: EntityManager;
  registry: KpiRegistry;
  access: Access;
  now: Date;
}

/**
 * Stores a story as its version 1 and tells every instance about it, in one transaction; every check runs
 * before anything is written, so a rejected story writes nothing.
 */
export async function addStory(deps: StoryDeps, command: AddStoryCommand): Promise<StoryEntity> {
  const { em, registry, access, now } = deps;
  const unit = await namedUnit(em, command.orgUnit);
  await access.require('CONTRIBUTOR', unit, `Adding a story to ${unit.code}`);

  const kpiKey = command.kpi == null ? null : registry.named(command.kpi).key;
  const period = pastMonthInput(command.period, 'stories', now);
  const kind = checkStoryKind(command.kind);
  const text = checkFreeText('text', command.text);
  const author = access.viewer.subject ?? 'anonymous';

  return em.transactional(async (tx) => {
    const story = tx.create(StoryEntity, {
      orgUnit: unit,
      period,
      kpiKey,
      kind,
      text,
      author,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    tx.create(StoryRevisionEntity, { story, version: 1, kind, text, editedBy: author, editedAt: now });
    await tx.flush();
    await announceStoryAdded(tx, story.id);
    return story;
  });
}
