import { DomainError } from '@xingfu/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Selection } from '../context/selection.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Cursors carry a record id: at most PostgreSQL's integer range. */
const MAX_CURSOR_ID = 2_147_483_647;

@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for a node type: edges, pageInfo, totalCount. */
export function Connection<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filters, over all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** Keyset pagination by integer id: the cursor is the last id seen, opaque to clients. */
export function pageWindow(args: PageArgs): { limit: number; afterId: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new DomainError('INVALID_PAGE_SIZE', `first must be between 1 and ${MAX_PAGE_SIZE}: ask for smaller pages and follow endCursor.`);
  }
  let afterId = 0;
  if (args.after) {
    const decoded = Buffer.from(args.after, 'base64url').toString();
    const id = /^id:[1-9]\d{0,9}$/.test(decoded) ? Number(decoded.slice(3)) : NaN;
    if (!(id <= MAX_CURSOR_ID) || args.after.length > 64) {
      throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API gave out: pass pageInfo.endCursor unchanged.');
    }
    afterId = id;
  }
  return { limit: first, afterId };
}

export function toPage<T extends { id: number }>(rows: T[], limit: number, totalCount: number): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: Buffer.from(`id:${node.id}`).toString('base64url'), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** Whether the operation selects `name` on the value this field returns (directly or in a fragment). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return Selection.of(info).has(name);
}
