import { MikroORM } from '@mikro-orm/postgresql';
import { assertDatabaseReachable } from './database-url.js';
import { createOrmConfig, type OrmConfigOptions } from './orm-config.js';

/** Checks the server answers, then initialises the ORM (no schema sync: migrations only). */
export async function openOrm(options: OrmConfigOptions): Promise<MikroORM> {
  await assertDatabaseReachable(options.clientUrl);
  return MikroORM.init(createOrmConfig(options));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/** Drops every table of the public schema and migrates from scratch. */
export async function resetDatabase(orm: MikroORM): Promise<string[]> {
  await orm.em.getConnection().execute('drop schema public cascade; create schema public;');
  return migrate(orm);
}

/** One round trip to the database (health checks, outage probes); throws when it cannot be reached. */
export async function pingDatabase(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}
