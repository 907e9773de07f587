import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { ReviewActionStatus } from '../../../engine/review/review-action-statuses';
import { ReviewCycleEntity } from './review-cycle.entity';

/** An action agreed at a review (RETHINK): what will be done, by whom, by when, and how it stands. */
@Entity({ tableName: 'review_action' })
@Index({ properties: ['cycle'] })
export class ReviewActionEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @ManyToOne(() => ReviewCycleEntity, { deleteRule: 'restrict' })
  cycle!: ReviewCycleEntity;

  @Property({ type: 'text', columnType: 'text' })
  text!: string;

  @Property({ length: 200 })
  owner!: string;

  /** The month it is due by, `YYYY-MM`. */
  @Property({ length: 7 })
  duePeriod!: string;

  @Property({ type: 'text', columnType: 'text' })
  status!: ReviewActionStatus;

  @Property({ length: 200 })
  createdBy!: string;

  @Property({ columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ columnType: 'timestamptz' })
  updatedAt!: Date;
}
