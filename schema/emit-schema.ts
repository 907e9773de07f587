import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { buildPlatformSchema } from './build-schema';

const SCHEMA_FILE = path.join(__dirname, 'schema.graphql');

/** Writes schema/schema.graphql from the code; with --check, fails when the committed file differs. */
async function main() {
  const printed = `${printSchema(await buildPlatformSchema())}\n`;
  if (!process.argv.includes('--check')) {
    writeFileSync(SCHEMA_FILE, printed);
    console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    // A missing file differs like any other.
  }
  if (committed !== printed) {
    console.error(
      'schema/schema.graphql does not match the code: run `npm run schema` and commit the result.',
    );
    process.exit(1);
  }
  console.log('schema/schema.graphql matches the code.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
