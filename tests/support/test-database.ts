import { randomBytes } from 'node:crypto';
import { openOrm, type MikroORM } from '@xingfu/domain';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  orm: MikroORM;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of this test file's own, cloned from the migrated template (regions loaded). */
export async function createTestDatabase(options: { onQuery?: (message: string) => void } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template ${inject('templateDatabase')}`));
  const url = inject('postgresAdminUrl').replace(/\/postgres$/, `/${name}`);
  const orm = await openOrm({ clientUrl: url, poolMax: 4, ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  return {
    orm,
    url,
    drop: async () => {
      await orm.close(true);
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
