import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LOAD_ORDER, TABLE_COLUMNS, type TableName } from './tables.js';

const SLICE = 1 << 20;

/** CopyData messages need not end at a row's end: the bytes go in slices of 1 MiB, without copying. */
function* slices(bytes: Uint8Array): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += SLICE) {
    yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(SLICE, bytes.length - i));
  }
}

/** Loads tables given as COPY text (table, UTF-8 bytes, rows) in reference order; returns the rows per table. */
export async function copyText(client: pg.ClientBase, tables: readonly [TableName, Uint8Array, number][]): Promise<Map<TableName, number>> {
  const byTable = new Map(tables.map(([table, bytes, rows]) => [table, { bytes, rows }]));
  const counts = new Map<TableName, number>();
  for (const table of LOAD_ORDER) {
    const entry = byTable.get(table);
    if (!entry || entry.rows === 0) continue;
    const stream = client.query(copyFrom(`copy ${table} (${TABLE_COLUMNS[table].join(', ')}) from stdin`));
    await pipeline(Readable.from(slices(entry.bytes)), stream);
    counts.set(table, entry.rows);
  }
  return counts;
}
