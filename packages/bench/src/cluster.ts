import { join } from 'node:path';
import { EmbeddedDatabase, importRegions, migrate, openOrm, readRegionFile } from '@xingfu/domain';
import pg from 'pg';

/** The database every clone starts from: migrated, with the regions of the preset's county. */
export const TEMPLATE_DATABASE = 'bench_template';

/**
 * The benchmark's own PostgreSQL 18 (the embedded binaries the platform ships), in its own data
 * folder and port, with pg_stat_statements loaded so every server's statements are counted the
 * same way, by the database.
 */
export class BenchCluster {
  private constructor(
    private readonly db: EmbeddedDatabase,
    readonly port: number,
  ) {}

  static async start(dataDir: string, port: number, log: (line: string) => void): Promise<BenchCluster> {
    const options = { dataDir: join(dataDir, 'pg'), port, database: 'postgres', onLog: log };
    let db = new EmbeddedDatabase(options);
    await db.start();
    const cluster = new BenchCluster(db, port);
    const preload = await cluster.admin((c) => c.query<{ value: string }>(`select current_setting('shared_preload_libraries') as value`));
    if (!preload.rows[0]?.value.includes('pg_stat_statements')) {
      await cluster.admin((c) => c.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`));
      await db.stop();
      db = new EmbeddedDatabase(options);
      await db.start();
    }
    const started = new BenchCluster(db, port);
    // In the admin database only: the view shows every database's statements (filtered by dbid),
    // and nothing is added to the schemas the servers introspect.
    await started.admin((c) => c.query('create extension if not exists pg_stat_statements'));
    return started;
  }

  url(database: string): string {
    return this.db.urlFor(database);
  }

  async admin<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  async exists(name: string): Promise<boolean> {
    const found = await this.admin((c) => c.query('select 1 from pg_database where datname = $1', [name]));
    return (found.rowCount ?? 0) > 0;
  }

  async drop(name: string): Promise<void> {
    await this.admin((c) => c.query(`drop database if exists ${name} with (force)`));
  }

  /** A fresh copy of the template (dropping any database of that name first). */
  async cloneTemplate(name: string): Promise<string> {
    await this.drop(name);
    await this.admin((c) => c.query(`create database ${name} template ${TEMPLATE_DATABASE}`));
    return this.url(name);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.drop(to);
    await this.admin((c) => c.query(`alter database ${from} rename to ${to}`));
  }

  async comment(name: string): Promise<string | null> {
    const result = await this.admin((c) =>
      c.query<{ comment: string | null }>(`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`, [
        name,
      ]),
    );
    return result.rows[0]?.comment ?? null;
  }

  async setComment(name: string, comment: string): Promise<void> {
    await this.admin((c) => c.query(`comment on database ${name} is ${pg.escapeLiteral(comment)}`));
  }

  /** The migrated template with the regions of `countyCode` (as `xingfu seed` imports them). */
  async createTemplate(countyCode: string): Promise<void> {
    if (await this.exists(TEMPLATE_DATABASE)) {
      await this.admin((c) => c.query(`alter database ${TEMPLATE_DATABASE} is_template false`));
      await this.drop(TEMPLATE_DATABASE);
    }
    await this.admin((c) => c.query(`create database ${TEMPLATE_DATABASE}`));
    const orm = await openOrm({ clientUrl: this.url(TEMPLATE_DATABASE) });
    try {
      await migrate(orm);
      const rows = readRegionFile().filter(
        (r) => r.code === countyCode.slice(0, 2) || r.code === countyCode.slice(0, 4) || r.code.startsWith(countyCode),
      );
      await importRegions(orm.em.fork(), rows);
    } finally {
      await orm.close(true);
    }
    await this.admin((c) => c.query(`vacuum analyze`), TEMPLATE_DATABASE);
  }

  async serverVersion(): Promise<string> {
    const result = await this.admin((c) => c.query<{ v: string }>(`select current_setting('server_version') as v`));
    return result.rows[0]?.v ?? 'unknown';
  }

  async stop(): Promise<void> {
    await this.db.stop();
  }
}
