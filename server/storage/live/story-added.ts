import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeFeed } from './listen-for-changes';

/** New stories, by id: the story row is itself the record a reconnecting listener catches up from. */
export const STORIES_ADDED: ChangeFeed = { channel: 'progress_story_added', table: 'story' };

/**
 * Notifies every instance of a new story, inside the transaction that writes it: PostgreSQL delivers a
 * notification only when its transaction commits, so no one hears of a story that was rolled back.
 */
export async function announceStoryAdded(em: EntityManager, storyId: number): Promise<void> {
  await em.execute('select pg_notify(?, ?)', [STORIES_ADDED.channel, String(storyId)]);
}
