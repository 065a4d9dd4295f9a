import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type IntrospectionQuery,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { buildLedger } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Arbitrary input against every mutation and every public query, generated from the schemas
 * themselves (a new field is fuzzed without touching this file): no answer is an internal error
 * or a 5xx, and a refused mutation leaves every ledger table as it was. The seed is fixed so a
 * failure reproduces; XINGFU_FUZZ_SEED and XINGFU_FUZZ_RUNS explore further.
 */
const SEED = Number(process.env['XINGFU_FUZZ_SEED'] ?? 20261201);
const RUNS = Number(process.env['XINGFU_FUZZ_RUNS'] ?? 20);
const TABLES = [
  'household',
  'person',
  'household_member',
  'application',
  'application_event',
  'application_income',
  'objection',
  'enrollment',
  'payroll_batch',
  'payment',
  'review_campaign',
  'review_task',
  'standard',
  'audit_entry',
];

let db: TestDatabase;
let api: TestApi;
let admin = '';
let internal: GraphQLSchema;
let publicSchema: GraphQLSchema;

async function ledgerCounts(): Promise<string> {
  const rows = await db.orm.em
    .fork()
    .execute<{ t: string; n: number }[]>(TABLES.map((t) => `select '${t}' as t, count(*)::int as n from ${t}`).join(' union all '));
  return rows.map((r) => `${r.t}=${r.n}`).join(' ');
}

const months = fc
  .tuple(fc.integer({ min: 2024, max: 2027 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const dates = fc
  .date({ min: new Date('1940-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const hostileString = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '张\u200b三',
    'x'.repeat(300),
    "'; drop table person; --",
    '370115',
    '370115104',
    '0',
    '-1',
    '1e20',
    'abc',
  ),
);

/** An arbitrary value of a GraphQL input type: mostly of the right shape, with hostile leaves. */
function arbitraryOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryOf(type.ofType, depth);
  if (isListType(type)) return fc.array(arbitraryOf(type.ofType, depth + 1), { maxLength: depth > 2 ? 0 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, field] of Object.entries(fields)) model[name] = arbitraryOf(field.type, depth + 1);
    const requiredKeys = Object.entries(fields)
      .filter(([, f]) => isNonNullType(f.type))
      .map(([name]) => name);
    return fc.record(model, { requiredKeys });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -2, max: 40 }), fc.integer());
      case 'Float':
        return fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return fc.oneof(fc.integer({ min: 1, max: 60 }).map(String), hostileString);
      case 'Month':
        return fc.oneof(months, hostileString);
      case 'Date':
        return fc.oneof(dates, hostileString);
      case 'DateTimeISO':
        return fc.oneof(
          dates.map((d) => `${d}T09:00:00.000Z`),
          hostileString,
        );
      case 'Money':
        return fc.oneof(
          fc.integer({ min: 0, max: 2_000_000 }).map((fen) => (fen / 100).toFixed(2)),
          hostileString,
        );
      default:
        return hostileString;
    }
  }
  return fc.constant(null);
}

/** The operation for a root field: every argument as a variable; objects answer __typename. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${defs ? ` (${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

function variablesOf(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of field.args) model[arg.name] = arbitraryOf(arg.type);
  const requiredKeys = field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
  return fc.record(model, { requiredKeys });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await buildLedger(db.orm, { households: 8 });
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  // the schemas as clients see them (introspection), so this file needs no server internals
  const introspect = async (endpoint: '/graphql' | '/public/graphql') =>
    buildClientSchema((await api.query<IntrospectionQuery>(endpoint, getIntrospectionQuery(), { token: admin })).data!);
  [internal, publicSchema] = await Promise.all([introspect('/graphql'), introspect('/public/graphql')]);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('fuzzing every mutation', () => {
  it('never answers an internal error, and a refusal writes nothing', async () => {
    const mutations = Object.values(internal.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(20);
    for (const field of mutations) {
      const query = operationFor('mutation', field);
      await fc.assert(
        fc.asyncProperty(variablesOf(field), async (variables) => {
          const before = await ledgerCounts();
          const answer = await api.query('/graphql', query, { token: admin, variables });
          const codes = (answer.errors ?? []).map((e) => e.extensions?.['code']);
          expect(codes, `${field.name} ${JSON.stringify(variables)}`).not.toContain('INTERNAL_SERVER_ERROR');
          expect(answer.status, `${field.name} ${JSON.stringify(variables)}`).toBeLessThan(500);
          if (answer.errors?.length) expect(await ledgerCounts(), `${field.name} half-written`).toBe(before);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }
  });
});

describe('fuzzing every public query', () => {
  it('never answers an internal error', async () => {
    const queries = Object.values(publicSchema.getQueryType()!.getFields());
    for (const field of queries) {
      const query = operationFor('query', field);
      await fc.assert(
        fc.asyncProperty(variablesOf(field), async (variables) => {
          const answer = await api.query('/public/graphql', query, { variables });
          const codes = (answer.errors ?? []).map((e) => e.extensions?.['code']);
          expect(codes, `${field.name} ${JSON.stringify(variables)}`).not.toContain('INTERNAL_SERVER_ERROR');
          expect(answer.status, `${field.name} ${JSON.stringify(variables)}`).toBeLessThan(500);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }
  });
});
