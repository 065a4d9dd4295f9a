import { join } from 'node:path';
import { openOrm, runLedgerImport, type Actor, type LedgerImportResult } from '@xingfu/domain';
import { syntheticLedgerFile } from '@xingfu/seed';
import type { BenchCluster } from './cluster.js';
import { copyScript, exportRows, maxIds, psqlEnv } from './loading.js';
import { run } from './processes.js';

/** The tables a ledger import writes, in reference order (standards are none of this file). */
export const IMPORTED_TABLES = ['household', 'person', 'household_member', 'enrollment', 'audit_entry'] as const;

const IMPORT_DB = 'bench_import';
const COPY_DB = 'bench_import_copy';

export interface ImportOptions {
  countyCode: string;
  rows: number;
  workDir: string;
  log: (line: string) => void;
}

export interface ImportResult {
  /** Data rows of the file (家庭成员 and 保障待遇). */
  rows: number;
  file_mb: number;
  households: number;
  members: number;
  enrollments: number;
  /** The first import, the file into an empty county (read, checked, written, committed). */
  import_seconds: number;
  import_rows_per_s: number;
  /** The same file again: every row checked, nothing written. */
  reimport_seconds: number;
  /** Rows the import wrote, every table (audit entries included), as COPY loads them. */
  rows_written: number;
  /** psql \copy of those rows into a fresh clone, in one transaction, foreign keys checked. */
  copy_seconds: number;
  ratio_vs_copy: number;
  /** Seconds of each phase of the first import, from its progress reports. */
  phases_s: Record<string, number>;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/**
 * `importLedger` at county scale: a synthetic ledger of `rows` rows in the template's form, imported
 * into a fresh clone of the template as a county administrator; then the same file again; then the
 * rows it wrote, COPYed through psql into another fresh clone.
 */
export async function measureImport(cluster: BenchCluster, options: ImportOptions): Promise<ImportResult> {
  const { log } = options;
  await cluster.cloneTemplate(IMPORT_DB);
  const orm = await openOrm({ clientUrl: cluster.url(IMPORT_DB) });
  try {
    const villages = (
      await orm.em
        .fork()
        .execute<{ code: string }[]>(`select code from region where level = 'village' and code like ? order by code`, [
          `${options.countyCode}%`,
        ])
    ).map((r) => r.code);
    let t0 = performance.now();
    const ledger = await syntheticLedgerFile({ countyCode: options.countyCode, villages, rows: options.rows });
    log(
      `  generated ${options.rows} rows (${ledger.households} households, ${ledger.members} members) in ${seconds(t0).toFixed(1)} s, ${(ledger.file.length / 1e6).toFixed(1)} MB`,
    );
    const actor: Actor = { subject: 'bench-import', role: 'county_admin', regionCode: options.countyCode };
    const before = await maxIds(cluster, IMPORT_DB, IMPORTED_TABLES);
    // each phase lasts from the end of the one before to its own last report
    const ends = new Map<string, number>();
    t0 = performance.now();
    const first: LedgerImportResult = await runLedgerImport(orm.em.fork(), actor, ledger.file, {
      onProgress: (p) => {
        if (!ends.has(p.phase)) log(`  ${p.phase}…`);
        ends.set(p.phase, performance.now());
      },
    });
    const importSeconds = seconds(t0);
    const phases: Record<string, number> = {};
    let previous = t0;
    for (const [phase, end] of ends) {
      phases[phase] = (end - previous) / 1000;
      previous = end;
    }
    phases['report and commit'] = (performance.now() - previous) / 1000;
    if (!first.committed) throw new Error(`the import did not commit: ${first.errors.join('\n')}`);
    log(
      `  imported in ${importSeconds.toFixed(1)} s (${Object.entries(phases)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')})`,
    );
    t0 = performance.now();
    const again = await runLedgerImport(orm.em.fork(), actor, ledger.file);
    const reimportSeconds = seconds(t0);
    if (!again.committed || again.households.created + again.members.created + again.enrollments.created > 0)
      throw new Error('the same file imported again changed something');
    log(`  imported again (nothing to change) in ${reimportSeconds.toFixed(1)} s`);

    const dir = join(options.workDir, 'import-copy');
    const written = await exportRows(cluster, IMPORT_DB, before, dir, IMPORTED_TABLES);
    const script = await copyScript(dir, false, IMPORTED_TABLES);
    await cluster.cloneTemplate(COPY_DB);
    await cluster.admin((c) => c.query('checkpoint'));
    t0 = performance.now();
    await run('psql', ['-X', '-q', '-f', script], psqlEnv(cluster, COPY_DB));
    const copySeconds = seconds(t0);
    log(`  psql COPY of the ${written} rows written: ${copySeconds.toFixed(1)} s`);
    await cluster.drop(COPY_DB);
    return {
      rows: options.rows,
      file_mb: Math.round(ledger.file.length / 1e4) / 100,
      households: ledger.households,
      members: ledger.members,
      enrollments: ledger.enrollments,
      import_seconds: importSeconds,
      import_rows_per_s: options.rows / importSeconds,
      reimport_seconds: reimportSeconds,
      rows_written: written,
      copy_seconds: copySeconds,
      ratio_vs_copy: importSeconds / copySeconds,
      phases_s: phases,
    };
  } finally {
    await orm.close(true);
    await cluster.drop(IMPORT_DB);
  }
}
