import { createRequire } from 'node:module';
import type * as ApolloServerModule from '@apollo/server';
import type * as GraphQL from 'graphql';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type * as CompiledExecution from '../../packages/api/dist/http/compiled-execution.js';

// Everything through Node's own require, resolved from the API package as its built code resolves
// it: one graphql module for the schema, graphql-jit and Apollo.
const require = createRequire(new URL('../../packages/api/package.json', import.meta.url));
const {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
} = require('graphql') as typeof GraphQL;
const { ApolloServer } = require('@apollo/server') as typeof ApolloServerModule;
const { compiledExecution } = require('../../packages/api/dist/http/compiled-execution.js') as typeof CompiledExecution;

/*
 * The internal endpoint executes operations with graphql-jit, which coerces variables itself. An
 * input object field the client leaves out gets the field's default, as graphql-js gives it:
 * non-null fields with a default too, in nested input objects and lists, for enums and for scalars
 * whose values are not JSON (Money is a bigint of fen, like the API's).
 */

const Money = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  serialize: (value) => `${(value as bigint) / 100n}.${String((value as bigint) % 100n).padStart(2, '0')}`,
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^\d+\.\d{2}$/.test(value)) throw new TypeError('Money is a string of yuan');
    return BigInt(value.replace('.', ''));
  },
});
const Kind = new GraphQLEnumType({ name: 'Kind', values: { FULL: { value: 'full' }, PART: { value: 'part' } } });
const Inner = new GraphQLInputObjectType({
  name: 'Inner',
  fields: { depth: { type: new GraphQLNonNull(GraphQLInt), defaultValue: 2 }, label: { type: GraphQLString } },
});
const Filter = new GraphQLInputObjectType({
  name: 'Filter',
  fields: {
    name: { type: new GraphQLNonNull(GraphQLString) },
    kind: { type: new GraphQLNonNull(Kind), defaultValue: 'part' },
    limit: { type: new GraphQLNonNull(GraphQLInt), defaultValue: 10 },
    note: { type: GraphQLString, defaultValue: 'none' },
    amount: { type: new GraphQLNonNull(Money), defaultValue: 1250n },
    inner: { type: new GraphQLNonNull(Inner), defaultValue: { depth: 2, label: 'outer default' } },
    inners: { type: new GraphQLList(new GraphQLNonNull(Inner)) },
  },
});
const shown = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: {
        type: GraphQLString,
        args: { filter: { type: new GraphQLNonNull(Filter) } },
        resolve: (_root, args: { filter: unknown }) => shown(args.filter),
      },
      echoAll: {
        type: GraphQLString,
        args: { filters: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Filter))) } },
        resolve: (_root, args: { filters: unknown }) => shown(args.filters),
      },
    },
  }),
});

let server: InstanceType<typeof ApolloServer>;
beforeAll(async () => {
  server = new ApolloServer({ gateway: compiledExecution(schema) });
  await server.start();
});
afterAll(() => server.stop());

async function compiledAnswer(query: string, variables: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('one answer expected');
  return { status: response.http.status ?? 200, data: response.body.singleResult.data, errors: response.body.singleResult.errors };
}

describe('variables of the compiled execution', () => {
  it.each([
    ['an input object leaving out every defaulted field', 'query ($f: Filter!) { echo(filter: $f) }', { f: { name: 'a' } }],
    [
      'defaults of nested input objects, given or in a list',
      'query ($f: Filter!) { echo(filter: $f) }',
      { f: { name: 'b', kind: 'FULL', inner: { label: 'given' }, inners: [{}, { depth: 5 }], note: null } },
    ],
    [
      'a list of input objects',
      'query ($fs: [Filter!]!) { echoAll(filters: $fs) }',
      { fs: [{ name: 'c' }, { name: 'd', amount: '1.00' }] },
    ],
    ['a single input object for a list', 'query ($fs: [Filter!]!) { echoAll(filters: $fs) }', { fs: { name: 'e', limit: 3 } }],
  ])('apply input field defaults as graphql-js does: %s', async (_name, query, variables) => {
    const reference = await execute({ schema, document: parse(query), variableValues: variables });
    expect(reference.errors).toBeUndefined();
    const compiled = await compiledAnswer(query, variables);
    expect(compiled).toEqual({ status: 200, data: reference.data, errors: undefined });
  });

  it('still refuse a defaulted non-null field given as null, as the client’s error', async () => {
    const compiled = await compiledAnswer('query ($f: Filter!) { echo(filter: $f) }', { f: { name: 'a', limit: null } });
    expect(compiled.status).toBe(400);
    expect(compiled.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
