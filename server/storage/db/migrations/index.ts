import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126065312 } from './Migration20261126065312';
import { Migration20261126075901 } from './Migration20261126075901';
import { Migration20261126120000 } from './Migration20261126120000';
import { Migration20261126120100 } from './Migration20261126120100';
import { Migration20261126120200 } from './Migration20261126120200';
import { Migration20261201090000 } from './Migration20261201090000';
import { Migration20261201120000 } from './Migration20261201120000';

/** Every committed migration, oldest first; `npm run migration:create` writes the next one. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126065312', class: Migration20261126065312 },
  { name: 'Migration20261126075901', class: Migration20261126075901 },
  { name: 'Migration20261126120000', class: Migration20261126120000 },
  { name: 'Migration20261126120100', class: Migration20261126120100 },
  { name: 'Migration20261126120200', class: Migration20261126120200 },
  { name: 'Migration20261201090000', class: Migration20261201090000 },
  { name: 'Migration20261201120000', class: Migration20261201120000 },
];
