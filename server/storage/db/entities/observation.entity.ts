import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { OrgUnitEntity } from './org-unit.entity';

/** One version of the input values for one KPI, unit and month. Versions are never updated or deleted. */
@Entity({ tableName: 'observation' })
@Unique({ properties: ['kpiKey', 'orgUnit', 'period', 'version'] })
/** Only submissions that carry a key are indexed by it: imports carry none. */
@Unique({
  name: 'observation_submitted_by_idempotency_key_unique',
  expression:
    'create unique index "observation_submitted_by_idempotency_key_unique" on "observation" ("submitted_by", "idempotency_key") where "idempotency_key" is not null',
})
export class ObservationEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ length: 100 })
  kpiKey!: string;

  @ManyToOne(() => OrgUnitEntity, { deleteRule: 'restrict' })
  orgUnit!: OrgUnitEntity;

  /** The month, `YYYY-MM`. */
  @Property({ length: 7 })
  period!: string;

  @Property()
  version!: number;

  @Property({ type: 'jsonb' })
  values!: Record<string, number>;

  @Property({ length: 200 })
  submittedBy!: string;

  @Property({ columnType: 'timestamptz' })
  submittedAt!: Date;

  /** Scoped to the submitter: a retried request with the same key returns this version. */
  @Property({ length: 200, nullable: true })
  idempotencyKey?: string;
}
