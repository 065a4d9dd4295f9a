import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seedDatabase, type SeedReport } from '@xingfu/seed';
import type { BenchCluster } from './cluster.js';
import { run } from './processes.js';
import { spread, type Spread } from './stats.js';

/** Every table the loader writes (standards are upserted, the rest is COPY), in reference order. */
export const LOADED_TABLES = [
  'standard',
  'household',
  'person',
  'household_member',
  'application',
  'application_income',
  'application_event',
  'objection',
  'enrollment',
  'payroll_batch',
  'payment',
  'review_campaign',
  'review_task',
  'audit_entry',
] as const;

export interface LoadOptions {
  preset: string;
  seed: number;
  scale: string;
  repetitions: number;
  workDir: string;
  log: (line: string) => void;
  /** Also time plain psql COPY, foreign-key triggers on. */
  withTriggers: boolean;
}

export interface LoadResult {
  rows: number;
  loader: Spread;
  loaderSeconds: Spread;
  /** psql \copy in one transaction with session_replication_role = replica (no per-row FK triggers), like the loader. */
  copy: Spread;
  copySeconds: Spread;
  /** psql \copy in one transaction, plain (FK triggers checked row by row). */
  copyWithTriggers: Spread | null;
  copyWithTriggersSeconds: Spread | null;
  ratioVsCopy: number;
  ratioVsCopyWithTriggers: number | null;
  report: SeedReport;
  /** Where the loader's time went (its report's phases), seconds per phase over the repetitions. */
  phases: Record<keyof SeedReport['phases'], Spread>;
  /** The database the last loader run left, kept for the measurements that follow. */
  keptDatabase: string;
}

const LOAD_DB = 'bench_load';
const COPY_DB = 'bench_copy';

export async function maxIds(
  cluster: BenchCluster,
  database: string,
  tables: readonly string[] = LOADED_TABLES,
): Promise<Map<string, number>> {
  return cluster.admin(async (c) => {
    const ids = new Map<string, number>();
    for (const table of tables) {
      const r = await c.query<{ max: string }>(`select coalesce(max(id), 0)::text as max from ${table}`);
      ids.set(table, Number(r.rows[0]?.max ?? 0));
    }
    return ids;
  }, database);
}

export function psqlEnv(cluster: BenchCluster, database: string): NodeJS.ProcessEnv {
  const url = new URL(cluster.url(database));
  return {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port,
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: database,
  };
}

const psqlPath = (file: string) => `'${file.replaceAll("'", "''")}'`;

/** Writes the loader's rows (those above the template's ids) to one text-format file per table. */
export async function exportRows(
  cluster: BenchCluster,
  database: string,
  before: Map<string, number>,
  dir: string,
  tables: readonly string[] = LOADED_TABLES,
): Promise<number> {
  await mkdir(dir, { recursive: true });
  const lines = ['\\set ON_ERROR_STOP on'];
  for (const table of tables) {
    lines.push(
      `\\copy (select * from ${table} where id > ${before.get(table) ?? 0} order by id) to ${psqlPath(join(dir, `${table}.tsv`))}`,
    );
  }
  const script = join(dir, 'export.sql');
  await writeFile(script, `${lines.join('\n')}\n`);
  await run('psql', ['-X', '-q', '-f', script], psqlEnv(cluster, database));
  const counts = await cluster.admin(async (c) => {
    let n = 0;
    for (const table of tables) {
      const r = await c.query<{ n: string }>(`select count(*)::text as n from ${table} where id > ${before.get(table) ?? 0}`);
      n += Number(r.rows[0]?.n ?? 0);
    }
    return n;
  }, database);
  return counts;
}

export async function copyScript(dir: string, replica: boolean, tables: readonly string[] = LOADED_TABLES): Promise<string> {
  const lines = ['\\set ON_ERROR_STOP on', 'begin;'];
  if (replica) lines.push('set local session_replication_role = replica;');
  for (const table of tables) lines.push(`\\copy ${table} from ${psqlPath(join(dir, `${table}.tsv`))}`);
  lines.push('commit;');
  const script = join(dir, replica ? 'load-replica.sql' : 'load.sql');
  await writeFile(script, `${lines.join('\n')}\n`);
  return script;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The loader (`seedDatabase`, as `xingfu seed` runs it) against COPY through psql of the same rows,
 * each into a fresh clone of the migrated template, after a checkpoint; repeated, median and range.
 */
export async function measureLoading(cluster: BenchCluster, options: LoadOptions): Promise<LoadResult> {
  const dir = join(options.workDir, 'copy');
  const loaderRates: number[] = [];
  const loaderSeconds: number[] = [];
  const copyRates: number[] = [];
  const copySeconds: number[] = [];
  const plainRates: number[] = [];
  const plainSeconds: number[] = [];
  const phases: SeedReport['phases'][] = [];
  let rows = 0;
  let report: SeedReport | undefined;

  const replicaScript = await (async () => {
    await mkdir(dir, { recursive: true });
    return copyScript(dir, true);
  })();
  const plainScript = await copyScript(dir, false);
  const checkpoint = () => cluster.admin((c) => c.query('checkpoint'));

  for (let rep = 0; rep < options.repetitions; rep++) {
    const url = await cluster.cloneTemplate(LOAD_DB);
    const before = await maxIds(cluster, LOAD_DB);
    await checkpoint();
    const loaded = await timed(() => seedDatabase({ databaseUrl: url, preset: options.preset, seed: options.seed, scale: options.scale }));
    report = loaded.value;
    phases.push(report.phases);
    if (rep === 0) {
      rows = await exportRows(cluster, LOAD_DB, before, dir);
      if (rows !== report.rows) options.log(`  note: the loader reports ${report.rows} rows, the tables hold ${rows} new rows`);
    }
    loaderRates.push(report.rows / loaded.seconds);
    loaderSeconds.push(loaded.seconds);
    options.log(`  loader ${rep + 1}/${options.repetitions}: ${report.rows} rows in ${loaded.seconds.toFixed(1)} s`);

    const methods = [
      [replicaScript, copyRates, copySeconds, 'psql COPY'],
      [plainScript, plainRates, plainSeconds, 'psql COPY (FK triggers)'],
    ] as const;
    for (const [script, rates, seconds, label] of options.withTriggers ? methods : methods.slice(0, 1)) {
      await cluster.cloneTemplate(COPY_DB);
      await checkpoint();
      const copied = await timed(() => run('psql', ['-X', '-q', '-f', script], psqlEnv(cluster, COPY_DB)));
      rates.push(rows / copied.seconds);
      seconds.push(copied.seconds);
      options.log(`  ${label} ${rep + 1}/${options.repetitions}: ${rows} rows in ${copied.seconds.toFixed(1)} s`);
      await cluster.drop(COPY_DB);
    }
  }
  const loader = spread(loaderRates);
  const copy = spread(copyRates);
  const copyWithTriggers = plainRates.length > 0 ? spread(plainRates) : null;
  return {
    rows,
    loader,
    loaderSeconds: spread(loaderSeconds),
    copy,
    copySeconds: spread(copySeconds),
    copyWithTriggers,
    copyWithTriggersSeconds: plainSeconds.length > 0 ? spread(plainSeconds) : null,
    ratioVsCopy: loader.median / copy.median,
    ratioVsCopyWithTriggers: copyWithTriggers ? loader.median / copyWithTriggers.median : null,
    report: report!,
    phases: {
      load: spread(phases.map((p) => p.load)),
      extras: spread(phases.map((p) => p.extras)),
      indexes: spread(phases.map((p) => p.indexes)),
      references: spread(phases.map((p) => p.references)),
      analyze: spread(phases.map((p) => p.analyze)),
    },
    keptDatabase: LOAD_DB,
  };
}
