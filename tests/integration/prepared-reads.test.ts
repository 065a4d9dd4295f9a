import { PreparedReads } from '@xingfu/api';
import { openOrm, type MikroORM } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Read-model statements: prepared by name on the pool's connection when enabled, through the
 * ORM otherwise (disabled, inside a transaction, beyond the limit) — the same rows either way.
 */
let db: TestDatabase;
let single: MikroORM;
const SQL = `select code, name from region where parent_code = any(string_to_array(?, ',')) order by code`;
const PARAMS = ['370115104,370115005'];

/** Names prepared on the only connection of a one-connection pool. */
async function preparedOnConnection(): Promise<string[]> {
  const rows = await single.em.fork().execute<{ name: string }[]>('select name from pg_prepared_statements order by name');
  return rows.map((r) => r.name);
}

beforeAll(async () => {
  db = await createTestDatabase();
  single = await openOrm({ clientUrl: db.url, poolMax: 1 });
});

afterAll(async () => {
  await single?.close(true);
  await db?.drop();
});

describe('prepared read-model statements', () => {
  it('prepares a statement once by name and answers the same rows as the ORM', async () => {
    const reads = new PreparedReads({ enabled: true });
    const viaOrm = await single.em.fork().execute(SQL, PARAMS);
    expect(viaOrm.length).toBeGreaterThan(10);
    expect(await reads.rows(single.em.fork(), SQL, PARAMS)).toEqual(viaOrm);
    expect(await reads.rows(single.em.fork(), SQL, PARAMS)).toEqual(viaOrm);
    expect(reads.prepared).toBe(1);
    expect((await preparedOnConnection()).filter((n) => n.startsWith('xingfu_r'))).toHaveLength(1);
  });

  it('runs through the ORM when disabled, inside a transaction and beyond its limit, with the same rows', async () => {
    const before = await preparedOnConnection();
    const viaOrm = await single.em.fork().execute(SQL, PARAMS);
    const disabled = new PreparedReads({ enabled: false });
    expect(await disabled.rows(single.em.fork(), SQL, PARAMS)).toEqual(viaOrm);
    expect(disabled.prepared).toBe(0);
    const enabled = new PreparedReads({ enabled: true, limit: 0 });
    expect(await enabled.rows(single.em.fork(), SQL, PARAMS)).toEqual(viaOrm);
    const inTransaction = new PreparedReads({ enabled: true });
    expect(await single.em.fork().transactional((em) => inTransaction.rows(em, SQL, PARAMS))).toEqual(viaOrm);
    expect(inTransaction.prepared).toBe(0);
    expect(await preparedOnConnection()).toEqual(before);
  });

  it('gives two servers on one pool statement names of their own', async () => {
    const a = new PreparedReads({ enabled: true });
    const b = new PreparedReads({ enabled: true });
    await a.rows(single.em.fork(), SQL, PARAMS);
    expect(await b.rows(single.em.fork(), `select code from region where code = ?`, ['370115'])).toEqual([{ code: '370115' }]);
  });
});
