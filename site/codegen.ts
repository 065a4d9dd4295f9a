import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed queries of the public API (GraphQL Code Generator, client preset): every `graphql(`…`)`
 * document of the site and of its tests is checked against schema/public.graphql and typed, its
 * answer and its variables, in src/gql/ — committed, and regenerated with `pnpm codegen`.
 * `pnpm check` (and tests/unit/site-queries.test.ts) fails when src/gql/ is not what the schema
 * and the documents give.
 *
 * Documents are strings (TypedDocumentString): the site sends them as they are, with no GraphQL
 * library at build time. Scalars of the public schema are strings on the wire.
 */
const config: CodegenConfig = {
  schema: '../schema/public.graphql',
  documents: ['src/**/*.ts', '../tests/site/**/*.ts', '../tests/browser/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        skipTypename: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string', Money: 'string', Month: 'string' },
      },
    },
  },
};

export default config;
