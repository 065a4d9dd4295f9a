import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';
import type * as Jit from 'graphql-jit';
import { describe, expect, it } from 'vitest';

// Both through Node's own require, so graphql-jit and the schema share one graphql module.
const require = createRequire(import.meta.url);
const { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString, execute, parse } =
  require('graphql') as typeof GraphQL;
const { compileQuery, isCompiledQuery } = require('graphql-jit') as typeof Jit;

/*
 * graphql-jit is patched (patches/graphql-jit@0.8.9.patch) to compile leaf fields through its
 * general path, which builds an error's locations and path only when there is an error. These
 * are the answers that path must still give: the same as graphql-js for every way a leaf fails.
 */

const Month = new GraphQLScalarType({
  name: 'Month',
  serialize(value) {
    if (typeof value === 'string' && /^\d{4}-\d{2}/.test(value)) return value.slice(0, 7);
    throw new TypeError(`Month cannot represent ${String(value)}`);
  },
});

const Row = new GraphQLObjectType({
  name: 'Row',
  fields: {
    name: { type: new GraphQLNonNull(GraphQLString) },
    month: { type: new GraphQLNonNull(Month) },
    note: { type: GraphQLString },
    optionalMonth: { type: Month },
  },
});

// One failure per row: graphql-js stops resolving a row's fields at its first non-null failure,
// graphql-jit resolves them all (a known difference of the compiler, not of the leaves).
const ROWS = [
  { name: 'ok', month: '2023-12-01', note: 'n', optionalMonth: '2023-01-01' },
  { name: null, month: '2023-12-01', note: null, optionalMonth: null },
  { name: 'bad month', month: 'December', note: 'n', optionalMonth: undefined },
  { name: 'failed note', month: '2023-11-01', note: new Error('note failed'), optionalMonth: null },
  { name: 'bad optional month', month: '2023-11-01', note: 'n', optionalMonth: 'soon' },
  { name: new Error('name failed'), month: '2023-11-01', note: 'n', optionalMonth: null },
];

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      rows: { type: new GraphQLNonNull(new GraphQLList(Row)), resolve: () => ROWS },
      nested: {
        type: new GraphQLList(new GraphQLList(Row)),
        resolve: () => [ROWS.slice(0, 3), ROWS.slice(3)],
      },
    },
  }),
});

const answer = (result: {
  data?: unknown;
  errors?: readonly { message: string; path?: readonly unknown[]; locations?: readonly unknown[] }[];
}) => ({
  data: JSON.parse(JSON.stringify(result.data ?? null)) as unknown,
  errors: (result.errors ?? [])
    .map((e) => ({ message: e.message, path: e.path, locations: e.locations }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path))),
});

describe('compiled leaf fields', () => {
  it.each([
    ['a list of rows', '{ rows { name month note optionalMonth } }'],
    ['rows two lists deep', '{ nested { name month note optionalMonth } }'],
    ['aliased leaves', '{ rows { a: month b: name n: note } }'],
  ])('report null, failed and unserialisable values in %s exactly as graphql-js does', async (_name, query) => {
    const document = parse(query);
    const compiled = compileQuery(schema, document);
    if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
    const jit = answer(await compiled.query(undefined, {}, {}));
    const reference = answer(await execute({ schema, document }));
    expect(jit).toEqual(reference);
    expect(jit.errors.length).toBeGreaterThanOrEqual(3);
  });
});
