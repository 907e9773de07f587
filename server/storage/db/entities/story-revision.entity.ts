import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { StoryKind } from '../../../engine/story/story-kinds';
import { StoryEntity } from './story.entity';

/** One version of a story as written: never updated or deleted, so an edit cannot erase what was said. */
@Entity({ tableName: 'story_revision' })
@Unique({ properties: ['story', 'version'] })
export class StoryRevisionEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @ManyToOne(() => StoryEntity, { deleteRule: 'restrict' })
  story!: StoryEntity;

  @Property()
  version!: number;

  @Property({ type: 'text', columnType: 'text' })
  kind!: StoryKind;

  @Property({ type: 'text', columnType: 'text' })
  text!: string;

  @Property({ length: 200 })
  editedBy!: string;

  @Property({ columnType: 'timestamptz' })
  editedAt!: Date;
}
