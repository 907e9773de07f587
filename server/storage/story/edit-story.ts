import { LockMode } from '@mikro-orm/core';
import { StoryRevisionEntity } from '../db/entities/story-revision.entity';
import { StoryEntity } from '../db/entities/story.entity';
import { badUserInput, conflict } from '../../engine/errors';
import type { StoryDeps } from './add-story';
import { checkFreeText } from '../../engine/free-text';
import { checkStoryKind } from '../../engine/story/check-story-input';

/** Story ids are PostgreSQL integers: anything else names no story, and must not reach a query. */
function storyId(text: string): number | null {
  const id = Number(text);
  return Number.isInteger(id) && id >= 1 && id <= 2 ** 31 - 1 ? id : null;
}

export interface EditStoryCommand {
  id: string;
  text?: string | null;
  kind?: string | null;
  expectedVersion?: number | null;
}

/**
 * Makes the next version of a story, keeping every earlier one in its history. An edit that changes
 * nothing writes nothing, so a retried edit does not add a version.
 */
export async function editStory(
  deps: Omit<StoryDeps, 'registry'>,
  command: EditStoryCommand,
): Promise<StoryEntity> {
  const { em, access, now } = deps;
  const id = storyId(command.id);
  const found = id === null ? null : await em.findOne(StoryEntity, { id }, { populate: ['orgUnit'] });
  if (!found) throw badUserInput('id', `there is no story "${command.id}"`);
  await access.require('CONTRIBUTOR', found.orgUnit, `Editing a story of ${found.orgUnit.code}`);

  if (command.text == null && command.kind == null) {
    throw badUserInput('text', 'give the new text, the new kind, or both');
  }
  const text = command.text == null ? null : checkFreeText('text', command.text);
  const kind = command.kind == null ? null : checkStoryKind(command.kind);
  const { expectedVersion } = command;
  if (expectedVersion != null && (!Number.isInteger(expectedVersion) || expectedVersion < 1)) {
    throw badUserInput('expectedVersion', 'must be the version you last read (1 or more)');
  }
  const editedBy = access.viewer.subject ?? 'anonymous';

  return em.transactional(async (tx) => {
    // Locked and read afresh, so two edits of one story take their versions in turn.
    const story = await tx.findOneOrFail(
      StoryEntity,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (expectedVersion != null && expectedVersion !== story.version) {
      throw conflict(
        `story ${id} is at version ${story.version}, not ${expectedVersion}: read it again before editing it`,
        { currentVersion: story.version },
      );
    }
    const next = { text: text ?? story.text, kind: kind ?? story.kind };
    if (next.text === story.text && next.kind === story.kind) return story;

    Object.assign(story, next, { version: story.version + 1, updatedAt: now });
    tx.create(StoryRevisionEntity, { story, version: story.version, ...next, editedBy, editedAt: now });
    return story;
  });
}
