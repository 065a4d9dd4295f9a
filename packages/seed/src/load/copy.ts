import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LOAD_ORDER, TABLE_COLUMNS, type TableName } from './tables.js';

const TEXT_SLICE = 1 << 20;

function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length;) {
    // cut after a line end, so no character is split
    let end = Math.min(i + TEXT_SLICE, text.length);
    if (end < text.length) end = text.indexOf('\n', end) + 1 || text.length;
    yield text.slice(i, end);
    i = end;
  }
}

/** Loads tables given as COPY text (table, text, rows) in reference order; returns the rows per table. */
export async function copyText(client: pg.ClientBase, tables: readonly [TableName, string, number][]): Promise<Map<TableName, number>> {
  const byTable = new Map(tables.map(([table, text, rows]) => [table, { text, rows }]));
  const counts = new Map<TableName, number>();
  for (const table of LOAD_ORDER) {
    const entry = byTable.get(table);
    if (!entry || entry.rows === 0) continue;
    const stream = client.query(copyFrom(`copy ${table} (${TABLE_COLUMNS[table].join(', ')}) from stdin`));
    await pipeline(Readable.from(slices(entry.text)), stream);
    counts.set(table, entry.rows);
  }
  return counts;
}
