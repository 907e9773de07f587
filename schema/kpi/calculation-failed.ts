import { GraphQLError } from 'graphql';

/** A plugin's calculate failed: reported on that one value, so every other KPI in the response stands. */
export function calculationFailed(kpiKey: string, detail: string): GraphQLError {
  return new GraphQLError(`The ${kpiKey} plugin could not calculate a value: ${detail}`, {
    extensions: { code: 'KPI_CALCULATION_FAILED', kpi: kpiKey },
  });
}
