import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The Frictionless Data Package profiles v1.0 and v2.0 (JSON Schema draft-07, kept unchanged in
 * ./frictionless/) compiled with ajv and ajv-formats (`date-time`, `uri`, … checked).
 */
export function dataPackageValidators(): (readonly ['1.0' | '2.0', ValidateFunction])[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('textarea', true); // an editor hint of the profiles, not a constraint
  return (['1.0', '2.0'] as const).map((version) => {
    const schema = JSON.parse(readFileSync(new URL(`./frictionless/datapackage-${version}.json`, import.meta.url), 'utf8')) as object;
    return [version, ajv.compile(schema)] as const;
  });
}
