import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The two patched dependencies (patches/, docs/decisions.md "Patched dependencies"): each test
 * fails when its patch is gone, e.g. after an upgrade that drops it. The packages are loaded as
 * the API loads them (its own module resolution, so the patched copies and one graphql).
 */
const fromApi = createRequire(import.meta.resolve('@xingfu/api'));

/** The parts of graphql and graphql-jit the test uses, as the API's copies provide them. */
interface GraphQLModule {
  buildSchema(sdl: string): unknown;
  parse(source: string): unknown;
}
interface GraphQLJit {
  compileQuery(schema: unknown, document: unknown, operationName: string | undefined, options: object): object;
  isCompiledQuery(query: object): boolean;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('graphql-jit, patched: leaves compile through the general path', () => {
  it('compiles no leaf shortcut (which built error locations and the response path for every value)', () => {
    const graphql = fromApi('graphql') as GraphQLModule;
    const jit = fromApi('graphql-jit') as GraphQLJit;
    const schema = graphql.buildSchema(`
      scalar Money
      enum Kind { REGULAR BACK_PAY }
      type Payment { id: ID! amount: Money kind: Kind! note: String }
      type Query { payments: [Payment!]! }
    `);
    const compiled = jit.compileQuery(schema, graphql.parse('{ payments { id amount kind note } }'), undefined, { debug: true });
    if (!jit.isCompiledQuery(compiled)) throw new Error('graphql-jit refused the query');
    const source = (compiled as unknown as { __DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation: string })
      .__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    expect(source).toContain('payments');
    // the shortcut passed each leaf's locations and path to these runtime helpers
    expect(source).not.toMatch(/checkNonNullLeaf|checkNullableLeaf/);
  });
});

describe('type-graphql, patched: a resolver’s parameters are sorted once', () => {
  it('sorts an unsorted parameter list once and never again on later calls', () => {
    const typeGraphql = fromApi.resolve('type-graphql');
    const helpers = fromApi(join(dirname(typeGraphql), 'resolvers', 'helpers.js')) as {
      getParams(params: object[], resolverData: object, globalValidate: boolean, validateFn: unknown): unknown[];
    };
    const params = [
      { kind: 'root', index: 1 },
      { kind: 'context', index: 0 },
    ];
    const data = { root: 'the root', context: 'the context', args: {}, info: {} };
    expect(helpers.getParams(params, data, false, undefined)).toEqual(['the context', 'the root']);
    const sort = vi.spyOn(Array.prototype, 'sort');
    for (let i = 0; i < 3; i++) expect(helpers.getParams(params, data, false, undefined)).toEqual(['the context', 'the root']);
    expect(sort).not.toHaveBeenCalled();
  });
});
