import { badUserInput } from '../errors';
import { isOneOf } from '../kpi/vocabulary';
import { STORY_KINDS } from './story-kinds';
import type { StoryKind } from './story-kinds';

export function checkStoryKind(kind: string): StoryKind {
  if (!isOneOf(STORY_KINDS, kind)) throw badUserInput('kind', `must be one of ${STORY_KINDS.join(', ')}`);
  return kind;
}
