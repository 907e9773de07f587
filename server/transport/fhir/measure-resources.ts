import { parsePeriod } from '../../engine/kpi/period';

/**
 * FHIR R4 `Measure` and `MeasureReport` resources of a KPI and its values (https://hl7.org/fhir/R4/measure.html,
 * https://hl7.org/fhir/R4/measurereport.html). Populations are the KPI's inputs; what FHIR has no element for
 * (the tier, Making Data Count's variation and assurance, the stories, inputs that are not whole numbers) is
 * said in extensions whose URLs are this server's `/fhir/StructureDefinition/…`, listed in EXTENSIONS.
 */

const IMPROVEMENT_NOTATION = 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation';
const MEASURE_SCORING = 'http://terminology.hl7.org/CodeSystem/measure-scoring';
const UCUM = 'http://unitsofmeasure.org';

/** The extensions, by name: each is `<base>/StructureDefinition/<name>`. */
export const EXTENSIONS = {
  tier: 'kpi-tier',
  variation: 'spc-variation',
  assurance: 'spc-assurance',
  story: 'kpi-story',
  inputValue: 'kpi-input-value',
} as const;

export interface FhirKpi {
  key: string;
  name: string;
  why: string;
  unit: string;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  inputs: { name: string; label: string }[];
}

export interface FhirUnitValue {
  code: string;
  name: string;
  value: number | null;
  inputs: { name: string; value: number }[];
}

export interface FhirReport {
  kpi: FhirKpi;
  period: string;
  unit: FhirUnitValue & {
    tier: string | null;
    variation: string | null;
    assurance: string | null;
    stories: { kind: string; text: string; period: string }[];
  };
  children: FhirUnitValue[];
}

type Json = Record<string, unknown>;

const extension = (base: string, name: string, value: Json): Json => ({
  url: `${base}/StructureDefinition/${name}`,
  ...value,
});

function improvementNotation(direction: FhirKpi['direction']): Json {
  const code = direction === 'HIGHER_IS_BETTER' ? 'increase' : 'decrease';
  return {
    coding: [
      {
        system: IMPROVEMENT_NOTATION,
        code,
        display:
          code === 'increase'
            ? 'Increased score indicates improvement'
            : 'Decreased score indicates improvement',
      },
    ],
  };
}

function inputCode(base: string, input: { name: string; label?: string }): Json {
  return {
    coding: [{ system: `${base}/CodeSystem/kpi-input`, code: input.name }],
    ...(input.label ? { text: input.label } : {}),
  };
}

/** A value as FHIR's Quantity: a percentage in UCUM's `%`, pounds as GBP, anything else with its unit's words. */
function score(value: number, unit: string): Json {
  if (unit === 'PERCENT') return { value, unit: '%', system: UCUM, code: '%' };
  if (unit === 'GBP') return { value, unit: 'GBP', system: 'urn:iso:std:iso:4217', code: 'GBP' };
  return { value, unit: unit.toLowerCase().replaceAll('_', ' ') };
}

/** FHIR's population count is a whole number: an input that is not one (a sum of money) goes in an extension. */
function population(base: string, kpi: FhirKpi, input: { name: string; value: number }): Json {
  const label = kpi.inputs.find((known) => known.name === input.name)?.label;
  return {
    code: inputCode(base, { name: input.name, label }),
    ...(Number.isInteger(input.value)
      ? { count: input.value }
      : { extension: [extension(base, EXTENSIONS.inputValue, { valueDecimal: input.value })] }),
  };
}

/** A FHIR id: the letters, digits, `-` and `.` of the key, at most 64. */
function fhirId(text: string): string {
  return text.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);
}

/** The KPI as a FHIR `Measure`: its inputs as the populations, its direction as the improvement notation. */
export function measureOf(kpi: FhirKpi, base: string): Json {
  return {
    resourceType: 'Measure',
    id: fhirId(kpi.key),
    url: `${base}/Measure/${kpi.key}`,
    identifier: [{ system: `${base}/NamingSystem/kpi`, value: kpi.key }],
    name: kpi.key
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(''),
    title: kpi.name,
    status: 'active',
    description: kpi.why,
    scoring: {
      coding: [
        { system: MEASURE_SCORING, code: kpi.unit === 'PERCENT' ? 'proportion' : 'continuous-variable' },
      ],
    },
    improvementNotation: improvementNotation(kpi.direction),
    group: [
      {
        // FHIR asks each population for criteria in a language it names: the input as a FHIRPath external
        // constant, `%<input>`, which this server supplies from the submissions summed for the period.
        population: kpi.inputs.map((input) => ({
          code: inputCode(base, input),
          description: input.label,
          criteria: { language: 'text/fhirpath', expression: `%${input.name}`, description: input.label },
        })),
      },
    ],
  };
}

/** The first and last days of a period, as FHIR dates. */
function periodDates(label: string): Json {
  const months = parsePeriod(label).months;
  const [year, month] = months.at(-1)!.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { start: `${months[0]}-01`, end: `${months.at(-1)}-${String(lastDay).padStart(2, '0')}` };
}

/**
 * A unit's value of a KPI in a period as a summary `MeasureReport`: the summed inputs as populations, the value as
 * `measureScore`, the units directly below as a stratifier, and the tier, variation, assurance and stories as
 * extensions. `generatedAt` is when it was read.
 */
export function measureReportOf(
  { kpi, period, unit, children }: FhirReport,
  base: string,
  generatedAt: Date,
): Json {
  const extensions = [
    ...(unit.tier ? [extension(base, EXTENSIONS.tier, { valueCode: unit.tier })] : []),
    ...(unit.variation ? [extension(base, EXTENSIONS.variation, { valueCode: unit.variation })] : []),
    ...(unit.assurance ? [extension(base, EXTENSIONS.assurance, { valueCode: unit.assurance })] : []),
    ...unit.stories.map((story) =>
      extension(base, EXTENSIONS.story, {
        extension: [
          { url: 'kind', valueCode: story.kind },
          { url: 'period', valueString: story.period },
          { url: 'text', valueString: story.text },
        ],
      }),
    ),
  ];
  const stratum = children.map((child) => ({
    value: { text: child.code },
    population: child.inputs.map((input) => population(base, kpi, input)),
    ...(child.value === null ? {} : { measureScore: score(child.value, kpi.unit) }),
  }));
  return {
    resourceType: 'MeasureReport',
    id: fhirId(`${unit.code}.${period}.${kpi.key}`),
    ...(extensions.length > 0 ? { extension: extensions } : {}),
    status: 'complete',
    type: 'summary',
    measure: `${base}/Measure/${kpi.key}`,
    date: generatedAt.toISOString(),
    reporter: {
      identifier: { system: `${base}/NamingSystem/org-unit`, value: unit.code },
      display: unit.name,
    },
    period: periodDates(period),
    improvementNotation: improvementNotation(kpi.direction),
    group: [
      {
        population: unit.inputs.map((input) => population(base, kpi, input)),
        ...(unit.value === null ? {} : { measureScore: score(unit.value, kpi.unit) }),
        ...(stratum.length > 0
          ? { stratifier: [{ code: [{ text: 'Units directly below' }], stratum }] }
          : {}),
      },
    ],
  };
}
