/** Why a plugin was refused at start-up; the message names the file and the field. */
export type KpiPluginErrorCode =
  | 'KPI_LOAD_FAILED'
  | 'KPI_NOT_A_DEFINITION'
  | 'KPI_MISSING_FIELD'
  | 'KPI_INVALID_KEY'
  | 'KPI_DUPLICATE_KEY'
  | 'KPI_UNKNOWN_DOMAIN'
  | 'KPI_UNKNOWN_LEVEL'
  | 'KPI_UNKNOWN_DIRECTION'
  | 'KPI_UNKNOWN_STAGE'
  | 'KPI_NO_INPUTS'
  | 'KPI_INVALID_INPUT'
  | 'KPI_INVALID_TIERS'
  | 'KPI_TIERS_UNORDERED'
  | 'KPI_INVALID_COMPANION'
  | 'KPI_NOT_A_FUNCTION'
  | 'KPI_INVALID_FIELD'
  | 'KPI_UNSUPPORTED_API_VERSION'
  // Found by trying a plugin on sample values (`npm run kpi -- check`), not at start-up.
  | 'KPI_CALCULATION_FAILED'
  | 'KPI_VALIDATE_FAILED';

export class KpiPluginError extends Error {
  constructor(
    readonly code: KpiPluginErrorCode,
    readonly file: string,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`${code}: ${file}${field ? ` (field "${field}")` : ''}: ${detail}`);
    this.name = 'KpiPluginError';
  }
}
