import { KPI_API_VERSION } from './define-kpi';
import type { KpiDefinition } from './define-kpi';
import { KpiPluginError } from './kpi-plugin-error';
import { STAGE_KEYS } from './pathways';
import { tiersOrdered } from './tiers';
import { DIRECTIONS, DOMAINS, INPUT_KINDS, ORG_LEVELS, isOneOf } from './vocabulary';

const KEY_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Keys are stored with every observation and roll-up. */
const MAX_KEY_LENGTH = 100;
const INPUT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;
const TIER_FIELDS = ['essential', 'desirable', 'aspirational', 'breakthrough'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one plugin against every rule of the contract; throws a coded error naming the file and field. */
export function validateKpiDefinition(candidate: unknown, file: string): KpiDefinition {
  const fail = (
    code: ConstructorParameters<typeof KpiPluginError>[0],
    field: string | undefined,
    detail: string,
  ) => new KpiPluginError(code, file, field, detail);

  if (!isRecord(candidate)) {
    throw fail(
      'KPI_NOT_A_DEFINITION',
      undefined,
      'the default export must be a KPI definition object (see defineKpi)',
    );
  }
  const apiVersion = candidate.apiVersion;
  if (apiVersion !== undefined) {
    if (!Number.isSafeInteger(apiVersion) || (apiVersion as number) < 1) {
      throw fail(
        'KPI_INVALID_FIELD',
        'apiVersion',
        `must be a whole number from 1, got ${JSON.stringify(apiVersion)}`,
      );
    }
    if ((apiVersion as number) > KPI_API_VERSION) {
      throw fail(
        'KPI_UNSUPPORTED_API_VERSION',
        'apiVersion',
        `written for version ${apiVersion} of the plugin contract; this server implements version ${KPI_API_VERSION}: upgrade PROGRESS to load it`,
      );
    }
  }
  const requireString = (field: string) => {
    const value = candidate[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw fail('KPI_MISSING_FIELD', field, `"${field}" must be a non-empty string`);
    }
    return value;
  };

  const key = requireString('key');
  if (!KEY_PATTERN.test(key) || key.length > MAX_KEY_LENGTH) {
    throw fail(
      'KPI_INVALID_KEY',
      'key',
      `"${key}" is not a key: lower-case words joined by hyphens, at most ${MAX_KEY_LENGTH} characters`,
    );
  }
  requireString('name');
  requireString('unit');
  requireString('why');

  if (!isOneOf(DOMAINS, candidate.domain)) {
    throw fail(
      'KPI_UNKNOWN_DOMAIN',
      'domain',
      `${JSON.stringify(candidate.domain)} is not one of ${DOMAINS.join(', ')}`,
    );
  }
  if (!isOneOf(ORG_LEVELS, candidate.collectedAt)) {
    throw fail(
      'KPI_UNKNOWN_LEVEL',
      'collectedAt',
      `${JSON.stringify(candidate.collectedAt)} is not one of ${ORG_LEVELS.join(', ')}`,
    );
  }
  if (!isOneOf(DIRECTIONS, candidate.direction)) {
    throw fail(
      'KPI_UNKNOWN_DIRECTION',
      'direction',
      `${JSON.stringify(candidate.direction)} is not one of ${DIRECTIONS.join(', ')}`,
    );
  }

  const stages = candidate.stages;
  if (!Array.isArray(stages))
    throw fail('KPI_MISSING_FIELD', 'stages', '"stages" must be an array of stage keys');
  stages.forEach((stage, index) => {
    if (typeof stage !== 'string' || !STAGE_KEYS.has(stage)) {
      throw fail(
        'KPI_UNKNOWN_STAGE',
        `stages[${index}]`,
        `${JSON.stringify(stage)} is not a pathway stage; known stages: ${[...STAGE_KEYS].join(', ')}`,
      );
    }
  });

  const inputs = candidate.inputs;
  if (!isRecord(inputs) || Object.keys(inputs).length === 0) {
    throw fail('KPI_NO_INPUTS', 'inputs', 'a KPI needs at least one input');
  }
  for (const [name, input] of Object.entries(inputs)) {
    if (!INPUT_NAME_PATTERN.test(name)) {
      throw fail(
        'KPI_INVALID_INPUT',
        `inputs.${name}`,
        'input names are letters and digits, starting with a letter',
      );
    }
    if (!isRecord(input) || typeof input.label !== 'string' || input.label.trim() === '') {
      throw fail('KPI_INVALID_INPUT', `inputs.${name}.label`, 'every input needs a label');
    }
    if (!isOneOf(INPUT_KINDS, input.kind)) {
      throw fail('KPI_INVALID_INPUT', `inputs.${name}.kind`, `kind must be one of ${INPUT_KINDS.join(', ')}`);
    }
  }

  if (typeof candidate.calculate !== 'function') {
    throw fail('KPI_NOT_A_FUNCTION', 'calculate', '"calculate" must be a function of the inputs');
  }
  if (candidate.validate !== undefined && typeof candidate.validate !== 'function') {
    throw fail('KPI_NOT_A_FUNCTION', 'validate', '"validate", when given, must be a function of the inputs');
  }

  const tiers = candidate.tiers;
  if (!isRecord(tiers))
    throw fail('KPI_INVALID_TIERS', 'tiers', `"tiers" must give ${TIER_FIELDS.join(', ')}`);
  for (const field of TIER_FIELDS) {
    const threshold = tiers[field];
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
      throw fail('KPI_INVALID_TIERS', `tiers.${field}`, 'every tier threshold must be a finite number');
    }
  }
  const thresholds = tiers as unknown as KpiDefinition['tiers'];
  if (!tiersOrdered(thresholds, candidate.direction)) {
    const order = candidate.direction === 'HIGHER_IS_BETTER' ? 'increase' : 'decrease';
    throw fail(
      'KPI_TIERS_UNORDERED',
      'tiers',
      `for ${candidate.direction} the thresholds must strictly ${order} from essential to breakthrough ` +
        `(got ${TIER_FIELDS.map((field) => `${field} ${thresholds[field]}`).join(', ')})`,
    );
  }

  const companions = candidate.companions;
  if (companions !== undefined) {
    if (!isRecord(companions)) {
      throw fail(
        'KPI_INVALID_COMPANION',
        'companions',
        '"companions", when given, must be an object of companions',
      );
    }
    for (const [name, companion] of Object.entries(companions)) {
      const field = `companions.${name}`;
      if (!INPUT_NAME_PATTERN.test(name)) {
        throw fail(
          'KPI_INVALID_COMPANION',
          field,
          'companion names are letters and digits, starting with a letter',
        );
      }
      if (!isRecord(companion)) throw fail('KPI_INVALID_COMPANION', field, 'a companion must be an object');
      for (const text of ['label', 'unit'] as const) {
        if (typeof companion[text] !== 'string' || companion[text].trim() === '') {
          throw fail('KPI_INVALID_COMPANION', `${field}.${text}`, `every companion needs a ${text}`);
        }
      }
      if (typeof companion.calculate !== 'function') {
        throw fail(
          'KPI_NOT_A_FUNCTION',
          `${field}.calculate`,
          '"calculate" must be a function of the inputs',
        );
      }
      if (
        companion.floor !== undefined &&
        (typeof companion.floor !== 'number' || !Number.isFinite(companion.floor))
      ) {
        throw fail('KPI_INVALID_COMPANION', `${field}.floor`, 'a floor, when given, must be a finite number');
      }
    }
  }

  const prompts = candidate.prompts;
  if (
    !Array.isArray(prompts) ||
    prompts.some((prompt) => typeof prompt !== 'string' || prompt.trim() === '')
  ) {
    throw fail('KPI_INVALID_FIELD', 'prompts', '"prompts" must be an array of questions (strings)');
  }
  const appliesTo = candidate.appliesTo;
  if (
    appliesTo !== undefined &&
    (!Array.isArray(appliesTo) ||
      appliesTo.length === 0 ||
      appliesTo.some((tag) => typeof tag !== 'string' || tag === ''))
  ) {
    throw fail(
      'KPI_INVALID_FIELD',
      'appliesTo',
      '"appliesTo", when given, must be a non-empty array of unit tags',
    );
  }

  return candidate as unknown as KpiDefinition;
}
