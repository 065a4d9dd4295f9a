import { join } from 'node:path';
import type { Config } from '@xingfu/api';
import {
  DomainError,
  EmbeddedDatabase,
  assertDatabaseReachable,
  describeDatabaseUrl,
  migrate,
  openOrm,
  type MikroORM,
} from '@xingfu/domain';
import { fromRoot } from './paths.js';
import { say, step } from './progress.js';
import { findRunningDatabase, removeRunningDatabase, runningFile, writeRunningDatabase, type RunningDatabase } from './running-database.js';

export interface DatabaseSession {
  orm: MikroORM;
  url: string;
  /** The embedded PostgreSQL this command started (and stops on `close()`); undefined on DATABASE_URL or another xingfu's database. */
  embedded: EmbeddedDatabase | undefined;
  close(): Promise<void>;
}

export interface DatabaseSessionOptions {
  /** Apply pending migrations (default true). */
  migrations?: boolean;
  /** Refuse when another xingfu process (`pnpm start`, `xingfu serve`) runs the embedded database: for `db reset`. */
  exclusive?: boolean;
}

/**
 * The database the command works on: the server of DATABASE_URL; or else the embedded PostgreSQL
 * of a running `pnpm start` / `xingfu serve` (found from XINGFU_DATA_DIR/running.json), used as it
 * is and never stopped here; or else the embedded PostgreSQL in XINGFU_DATA_DIR/pg, started here,
 * recorded in running.json, and stopped by `close()`. Migrations are applied unless
 * `migrations: false`.
 */
export async function openDatabaseSession(config: Config, options: DatabaseSessionOptions = {}): Promise<DatabaseSession> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  const dataDir = fromRoot(config.XINGFU_DATA_DIR);
  if (!url) {
    const running = await findRunningDatabase(dataDir);
    if (running) {
      url = await useRunningDatabase(running, options);
    } else {
      const db = new EmbeddedDatabase({
        dataDir: join(dataDir, 'pg'),
        port: config.XINGFU_PG_PORT,
        database: 'xingfu',
        ownerFile: runningFile(dataDir),
      });
      await step(`Starting the embedded PostgreSQL on port ${config.XINGFU_PG_PORT}`, () => db.start());
      embedded = db;
      url = db.url;
      try {
        await writeRunningDatabase(dataDir, url, config.XINGFU_PG_PORT);
      } catch (error) {
        await db.stop();
        throw error;
      }
    }
  }
  const closeEmbedded = async () => {
    if (!embedded) return;
    await embedded.stop();
    await removeRunningDatabase(dataDir);
  };
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
      // on another process's database, only this command's connections close; a database that
      // accepts connections and never answers (it died, something else took its port) is not waited for
      await Promise.race([orm.close(true).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await closeEmbedded();
    },
  };
}

/** The URL of the running xingfu's database, once it answers; a refusal in one sentence otherwise. */
async function useRunningDatabase(running: RunningDatabase, options: DatabaseSessionOptions): Promise<string> {
  const owner = `the running xingfu (pid ${running.pid}${running.command ? `, \`xingfu ${running.command}\`` : ''})`;
  if (options.exclusive) {
    throw new DomainError(
      'FORBIDDEN',
      `This command needs the embedded database to itself, and ${owner} uses it: stop \`pnpm start\` first (Ctrl-C where it runs), then run the command again.`,
      { pid: running.pid },
    );
  }
  try {
    await assertDatabaseReachable(running.url);
  } catch {
    throw new DomainError(
      'DATABASE_UNREACHABLE',
      `The embedded database of ${owner} does not answer on port ${running.port}, and this command does not stop it: wait until that process has started, or stop it and run this command again.`,
      { pid: running.pid, port: running.port },
    );
  }
  say(`Using the database of the running xingfu (pid ${running.pid}) on port ${running.port}`);
  return running.url;
}
