import pg from 'pg';
import type { TableName } from './tables.js';

/** A secondary index set aside for a bulk load: its name and the statement that builds it again. */
export interface SetAsideIndex {
  table: string;
  name: string;
  definition: string;
}

/** The tables among `tables` that hold no rows at all. */
export async function emptyTables(client: pg.ClientBase, tables: readonly TableName[]): Promise<TableName[]> {
  const empty: TableName[] = [];
  for (const table of tables) {
    const result = await client.query<{ empty: boolean }>(`select not exists (select 1 from ${table}) as empty`);
    if (result.rows[0]?.empty) empty.push(table);
  }
  return empty;
}

/**
 * Drops the secondary indexes of `tables` (those that back no constraint: primary keys, unique
 * and exclusion constraints stay, and so do the foreign keys that depend on them) and returns
 * their definitions. Inside the load's transaction: a rollback brings them back, and building
 * an index once from the loaded rows is cheaper than updating it row by row (PostgreSQL's
 * advice for populating a database; pg_restore loads the same way).
 */
export async function setAsideIndexes(client: pg.ClientBase, tables: readonly TableName[]): Promise<SetAsideIndex[]> {
  if (tables.length === 0) return [];
  const result = await client.query<SetAsideIndex>(
    `select t.relname as table, c.relname as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i
     join pg_class c on c.oid = i.indexrelid
     join pg_class t on t.oid = i.indrelid
     where t.relnamespace = current_schema()::regnamespace and t.relname = any($1::text[])
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by t.relname, c.relname`,
    [tables],
  );
  for (const index of result.rows) await client.query(`drop index ${quoteIdent(index.name)}`);
  return result.rows;
}

/** Builds the indexes set aside again (a unique one fails the load on a duplicate, as the row-by-row check would). */
export async function restoreIndexes(client: pg.ClientBase, indexes: readonly SetAsideIndex[]): Promise<void> {
  for (const index of indexes) await client.query(index.definition);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * ANALYZE after the commit, a table per statement, on two connections at once (the given one
 * and one more), the tables with the most rows loaded first: the planner has statistics for the
 * new rows before anyone queries them, in about half the time of one `ANALYZE` of them all.
 */
export async function analyzeTables(client: pg.ClientBase, databaseUrl: string, tables: readonly [string, number][]): Promise<void> {
  const queue = [...tables].sort((a, b) => b[1] - a[1]).map(([table]) => table);
  const second = new pg.Client({ connectionString: databaseUrl });
  await second.connect();
  try {
    const drain = async (connection: pg.ClientBase) => {
      for (let table = queue.shift(); table !== undefined; table = queue.shift()) await connection.query(`analyze ${table}`);
    };
    await Promise.all([drain(client), drain(second)]);
  } finally {
    await second.end();
  }
}
