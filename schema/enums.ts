import { registerEnumType } from 'type-graphql';
import { DIRECTIONS, DOMAINS, ORG_LEVELS, TIERS } from '../server/kpi/vocabulary';

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const DomainEnum = enumOf(DOMAINS);
export const OrgLevelEnum = enumOf(ORG_LEVELS);
export const DirectionEnum = enumOf(DIRECTIONS);
export const TierEnum = enumOf(TIERS);

registerEnumType(DomainEnum, {
  name: 'Domain',
  description: 'The four PROGRESS domains every KPI belongs to.',
});
registerEnumType(OrgLevelEnum, {
  name: 'OrgLevel',
  description: 'Levels of the organisation tree, from the individual to the integrated care system.',
});
registerEnumType(DirectionEnum, { name: 'Direction', description: 'Which way a KPI improves.' });
registerEnumType(TierEnum, {
  name: 'Tier',
  description: 'The highest ambition tier a value meets; a value exactly on a threshold meets it.',
});
