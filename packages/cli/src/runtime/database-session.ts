import { join } from 'node:path';
import type { Config } from '@xingfu/api';
import { EmbeddedDatabase, describeDatabaseUrl, migrate, openOrm, type MikroORM } from '@xingfu/domain';
import { fromRoot } from './paths.js';
import { step } from './progress.js';

export interface DatabaseSession {
  orm: MikroORM;
  url: string;
  embedded: EmbeddedDatabase | undefined;
  close(): Promise<void>;
}

/**
 * The database the command works on: the server of DATABASE_URL, or else the embedded
 * PostgreSQL in XINGFU_DATA_DIR/pg, started here and stopped by `close()`. Migrations are
 * applied unless `migrations: false`.
 */
export async function openDatabaseSession(config: Config, options: { migrations?: boolean } = {}): Promise<DatabaseSession> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const db = new EmbeddedDatabase({
      dataDir: join(fromRoot(config.XINGFU_DATA_DIR), 'pg'),
      port: config.XINGFU_PG_PORT,
      database: 'xingfu',
    });
    embedded = db;
    await step(`Starting the embedded PostgreSQL on port ${config.XINGFU_PG_PORT}`, () => db.start());
    url = db.url;
  }
  const closeEmbedded = async () => embedded?.stop();
  let orm: MikroORM;
  try {
    orm = await step(`Connecting to ${describeDatabaseUrl(url)}`, () => openOrm({ clientUrl: url }));
    if (options.migrations !== false) {
      const applied = await step('Applying migrations', () => migrate(orm));
      if (applied.length > 0) process.stdout.write(`  applied: ${applied.join(', ')}\n`);
    }
  } catch (error) {
    await closeEmbedded();
    throw error;
  }
  let closed = false;
  return {
    orm,
    url,
    embedded,
    close: async () => {
      if (closed) return;
      closed = true;
      await orm.close(true).catch(() => undefined);
      await closeEmbedded();
    },
  };
}
