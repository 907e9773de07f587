import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../engine/access/access';
import type { OrgUnitEntity } from '../db/entities/org-unit.entity';
import { ReviewActionEntity } from '../db/entities/review-action.entity';
import { ReviewCycleEntity } from '../db/entities/review-cycle.entity';
import type { KpiRegistry } from '../../engine/kpi/kpi-registry';
import type { ReviewProgress } from '../../engine/review/review-steps';

/** What REPORT and REFLECT, the steps read from the data, still need: KPI keys. */
export type Outstanding = Pick<ReviewProgress, 'unreported' | 'unreflected'>;

export interface ReviewDeps {
  em: EntityManager;
  registry: KpiRegistry;
  access: Access;
  now: Date;
  /** REPORT and REFLECT come from values, SPC and stories, which the GraphQL layer reads through its loaders. */
  readOutstanding(unit: OrgUnitEntity, period: string): Promise<Outstanding>;
}

/**
 * A cycle's stored row and its progress, for a decision inside a transaction. The row is locked, so no
 * other request's write to the same cycle lands between the decision and the write it allows.
 */
export async function readProgress(
  tx: EntityManager,
  unit: OrgUnitEntity,
  period: string,
  outstanding: Outstanding,
): Promise<{ cycle: ReviewCycleEntity | null; progress: ReviewProgress }> {
  const cycle = await tx.findOne(
    ReviewCycleEntity,
    { orgUnit: unit, period },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  const actions = cycle ? await tx.count(ReviewActionEntity, { cycle }) : 0;
  return {
    cycle,
    progress: { ...outstanding, signedOff: cycle !== null, actions, refreshed: cycle?.refreshedAt != null },
  };
}
