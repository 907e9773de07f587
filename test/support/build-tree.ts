import type { OrgLevel } from '../../server/engine/kpi/vocabulary';
import type { TestServer } from './test-server';

export interface UnitSpec {
  code: string;
  level: OrgLevel;
  parentCode?: string;
  tags?: string[];
}

const CREATE = `mutation Create($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id code } }`;

/** Creates units through the API, parents first, and fails loudly if any is refused. */
export async function createUnits(test: TestServer, units: readonly UnitSpec[]): Promise<void> {
  const admin = await test.token(['ADMIN']);
  for (const unit of units) {
    const result = await test.graphql(CREATE, { input: { name: `Unit ${unit.code}`, ...unit } }, admin);
    if (result.errors) throw new Error(`creating ${unit.code}: ${JSON.stringify(result.errors)}`);
  }
}

/**
 * A system with one organisation and directorate, `services` services and `teamsPerService` inpatient
 * teams under each: codes SYS, ORG, DIR, SVC1…, SVC1-T1….
 */
export function treeOf(services: number, teamsPerService: number): UnitSpec[] {
  const units: UnitSpec[] = [
    { code: 'SYS', level: 'SYSTEM' },
    { code: 'ORG', level: 'ORGANISATION', parentCode: 'SYS' },
    { code: 'DIR', level: 'DIRECTORATE', parentCode: 'ORG' },
  ];
  for (let service = 1; service <= services; service++) {
    units.push({ code: `SVC${service}`, level: 'SERVICE', parentCode: 'DIR' });
    for (let team = 1; team <= teamsPerService; team++) {
      units.push({
        code: `SVC${service}-T${team}`,
        level: 'TEAM',
        parentCode: `SVC${service}`,
        tags: ['inpatient'],
      });
    }
  }
  return units;
}
