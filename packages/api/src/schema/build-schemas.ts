import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RegionResolver } from '../region/region.resolver.js';

/** Resolvers of the internal schema (/graphql): authenticated case work. */
export const internalResolvers = [RegionResolver] as const;

/**
 * Resolvers of the public schema (/public/graphql). A schema of its own: only types that carry
 * no personal data may be reachable from these resolvers.
 */
export const publicResolvers = [RegionResolver] as const;

export function buildInternalSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...internalResolvers], validate: true });
}

export function buildPublicSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...publicResolvers], validate: true });
}

/** The SDL committed under schema/: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
