import type { EntityManager } from '@xingfu/domain';
import type DataLoader from 'dataloader';
import type { Selection } from './selection.js';

/*
 * The kit every feature's read model (`<feature>/<feature>.read-model.ts`) is built with.
 *
 * Read models of the nested read paths (households → members → person, enrollments → payments):
 * the columns a response can show, as plain objects shaped like the entities (references as
 * { id } or { code }), each list read with one SQL statement. A page of 100 households carries
 * about 1,500 rows; hydrating them as managed entities (identity map, a reference object per
 * foreign key) was most of the API's CPU time and garbage. Resolvers take an entity or a row.
 *
 * The list loaders read only the columns the operation asks for (a Selection of the GraphQL
 * fields; keys always): a page's rows are mostly ledger rows, and every column read is a string
 * to decode and keep. The fields of a row the operation did not ask for are undefined; a field the
 * column maps below do not name (one added later) makes the loader read every column.
 */

/**
 * A row read for a selection: the keys `K` are always there, every other field only when the
 * operation asked for it (undefined otherwise).
 */
export type Selected<T, K extends keyof T> = Pick<T, K> & Partial<Omit<T, K>>;

/** bigint columns arrive as strings; every single amount and id is far below 2^53. Columns not read stay undefined. */
export const int = (value: string | number): number => Number(value);
/** A column the operation may not have asked for: undefined then (Row types say so with Selected). */
export const intIfRead = (value: string | number | undefined): number | undefined => (value === undefined ? value : Number(value));
export const intOrNull = (value: string | number | null | undefined): number | null | undefined =>
  value === null || value === undefined ? value : Number(value);

/**
 * The columns of a read model: those always read (keys), and those each field of its GraphQL
 * type needs, by field name (a nested object's fields by its own map).
 */
export interface ColumnMap {
  always: readonly string[];
  fields: Readonly<Record<string, readonly string[] | ColumnMap>>;
}

const isColumns = (field: readonly string[] | ColumnMap): field is readonly string[] => Array.isArray(field);

export function allColumns(map: ColumnMap): string[] {
  return [...map.always, ...Object.values(map.fields).flatMap((field) => (isColumns(field) ? field : allColumns(field)))];
}

/** The columns a selection needs; every column when it asks for a field the map does not know. */
export function columnsFor(map: ColumnMap, selection: Selection | undefined): string[] {
  if (!selection) return [...new Set(allColumns(map))];
  const columns = new Set(map.always);
  for (const name of selection.names()) {
    if (name === '__typename') continue;
    const field = map.fields[name];
    if (field === undefined) return [...new Set(allColumns(map))];
    for (const column of isColumns(field) ? field : columnsFor(field, selection.of(name))) columns.add(column);
  }
  return [...columns];
}

/**
 * One loader per selection (all items of a list share theirs, so a page level is still one
 * statement), reading the columns it needs; without a selection, every column.
 */
export function perSelection<V>(map: ColumnMap, create: (columns: string) => DataLoader<number, V>) {
  const loaders = new Map<string, DataLoader<number, V>>();
  const bySelection = new WeakMap<Selection, DataLoader<number, V>>();
  const forColumns = (columns: string) => {
    let loader = loaders.get(columns);
    if (!loader) loaders.set(columns, (loader = create(columns)));
    return loader;
  };
  return (selection?: Selection): DataLoader<number, V> => {
    if (!selection) return forColumns(columnsFor(map, undefined).join(', '));
    let loader = bySelection.get(selection);
    if (!loader) bySelection.set(selection, (loader = forColumns(columnsFor(map, selection).join(', '))));
    return loader;
  };
}

/** Keys of a batch as one array parameter (the ORM expands a JS array into a list of parameters). */
export const keyList = (keys: readonly number[]) => keys.join(',');

export function groupBy<R, K>(rows: R[], key: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

type EntityClass<T> = new (...args: never[]) => T;

/**
 * One keyset page of an entity (by id, after `afterId`) and the count of rows matching `where`:
 * the list queries of the read models.
 */
export async function keysetPage<T extends { id: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: object,
  window: { limit: number; afterId: number },
): Promise<{ rows: T[]; total: number }> {
  const find = em.find.bind(em) as unknown as (e: EntityClass<T>, w: object, o: object) => Promise<T[]>;
  const count = em.count.bind(em) as unknown as (e: EntityClass<T>, w: object) => Promise<number>;
  const [rows, total] = await Promise.all([
    find(entity, { ...where, id: { $gt: window.afterId } }, { orderBy: { id: 'asc' }, limit: window.limit + 1 }),
    count(entity, where),
  ]);
  return { rows, total };
}
