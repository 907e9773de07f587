import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { badUserInput } from '../../server/engine/errors';
import { importObservations } from '../../server/storage/import/import-observations';
import type { RowProblem } from '../../server/storage/import/import-report';
import { summarise } from '../../server/storage/import/import-report';
import type { ReadRow } from '../../server/storage/import/read-import-rows';
import type { Context } from '../context';
import { ImportObservationsInput } from './import-observations.input';
import { ImportReport } from './import-report.type';

/** Bounds one request's work; a month for a whole integrated care system goes through POST /import. */
export const MAX_IMPORT_ROWS = 5_000;

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description:
      "Submits many months of many KPIs at once, with the checks of submitObservation for every row, all or nothing. Rows for months already stored are corrections; rows that repeat what is stored write nothing. Needs CONTRIBUTOR on every row's unit.",
  })
  async importObservations(
    @Arg('input') input: ImportObservationsInput,
    @Ctx() context: Context,
  ): Promise<ImportReport> {
    if (input.rows.length > MAX_IMPORT_ROWS) {
      throw badUserInput(
        'rows',
        `at most ${MAX_IMPORT_ROWS} rows at once, got ${input.rows.length}: send larger loads as CSV to POST /import`,
      );
    }
    const problems: RowProblem[] = [];
    async function* rows(): AsyncGenerator<ReadRow> {
      for (const [index, row] of input.rows.entries()) yield { line: index + 1, request: row };
    }
    const report = await importObservations(
      { em: context.em, registry: context.registry, access: context.access, now: context.now() },
      rows(),
      { dryRun: input.dryRun, onProblem: (problem) => problems.push(problem) },
    );
    problems.sort((a, b) => a.line - b.line);
    return Object.assign(new ImportReport(), report, { problems, summary: summarise(report) });
  }
}
