import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { OrgUnitEntity } from './org-unit.entity';

/** One version of the input values for one KPI, unit and month. Versions are never updated or deleted. */
@Entity({ tableName: 'observation' })
@Unique({ properties: ['kpiKey', 'orgUnit', 'period', 'version'] })
@Unique({ properties: ['submittedBy', 'idempotencyKey'] })
@Index({ properties: ['kpiKey', 'period'] })
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
