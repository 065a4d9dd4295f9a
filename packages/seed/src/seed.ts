import { DomainError } from '@xingfu/domain';
import pg from 'pg';
import { stamp } from './generate/calendar.js';
import { expandStandards } from './generate/context.js';
import { GeneratorThread } from './generate/ahead.js';
import type { DoneMessage, GeneratorInit } from './generate/ledger.js';
import { SYNTHETIC_MARK, type VillageInfo } from './generate/population.js';
import { copyText } from './load/copy.js';
import { analyzeTables, emptyTables, restoreIndexes, setAsideIndexes } from './load/bulk.js';
import { deleteGeneratedData } from './load/replace.js';
import { deleteGeneratedElderCare, seedElderCare } from './eldercare/eldercare-seed.js';
import { deleteGeneratedFeeds, seedFeeds, type FeedSeedReport } from './feeds/feeds-seed.js';
import { seedReferrals } from './feeds/referrals-seed.js';
import { ID_TABLES, type TableName } from './load/tables.js';
import { verifyReferences } from './load/verify.js';
import { findPreset } from './presets/index.js';
import type { Preset } from './presets/preset.js';

export const DEFAULT_SEED = 20211231;

/**
 * Named scales. A number multiplies the preset's population (1 = the calibrated county); `village`
 * is one village's share of the county, in one village; `province` is about a million households
 * (≈ 20 million payment rows), spread over the preset county's villages.
 */
export const NAMED_SCALES = { village: 'village', county: 1, province: 30 } as const;

export interface ParsedScale {
  factor: number;
  singleVillage: boolean;
  label: string;
}

export function parseScale(text: string | number | undefined): ParsedScale {
  if (text === undefined || text === '' || text === 'county') return { factor: 1, singleVillage: false, label: 'county (1)' };
  if (text === 'village') return { factor: 0, singleVillage: true, label: 'village' };
  if (text === 'province') return { factor: NAMED_SCALES.province, singleVillage: false, label: `province (${NAMED_SCALES.province})` };
  const value = typeof text === 'number' ? text : Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 100) {
    throw new DomainError('INVALID_INPUT', `--scale is village, county, province or a number above 0 and at most 100, not “${text}”.`);
  }
  return { factor: value, singleVillage: false, label: String(value) };
}

export interface SeedProgress {
  block: number;
  blocks: number;
  rows: number;
  seconds: number;
}

export interface SeedOptions {
  /** A connection string; the load runs in one transaction on one connection. */
  databaseUrl: string;
  preset: string | Preset;
  seed?: number;
  scale?: string | number;
  /** Delete the county's generated data first; without it a county with households is refused. */
  replace?: boolean;
  onProgress?: (progress: SeedProgress) => void;
  /**
   * Keep PostgreSQL's per-row foreign-key triggers on during the load (slower). Off by default for
   * a superuser, who loads with them off and has the references checked set-based before commit.
   */
  referenceTriggers?: boolean;
}

export interface SeedReport {
  preset: string;
  countyCode: string;
  countyName: string;
  seed: number;
  scale: string;
  households: number;
  persons: number;
  payments: number;
  rows: number;
  rowsByTable: Record<string, number>;
  deletedRows: number;
  seconds: number;
  rowsPerSecond: number;
  /**
   * Where the time went, in seconds: `load` — reading the regions, generating and copying the
   * rows, committing; `extras` — the elder-care data, demo feeds and referrals, generated from the loaded ledger; `indexes` — building the indexes set aside for the load; `references` —
   * checking the references set-based; `analyze` — statistics for the planner, after the commit.
   */
  phases: { load: number; extras: number; indexes: number; references: number; analyze: number };
  /** Secondary indexes dropped before the load and built again after it (tables that were empty). */
  indexesRebuilt: number;
  /** The county's demo feeds, generated after the load, and the cases they plant. */
  feeds: FeedSeedReport;
}

async function villagesOf(client: pg.ClientBase, countyCode: string): Promise<{ countyName: string; villages: VillageInfo[] }> {
  const county = await client.query<{ name: string }>(`select name from region where code = $1 and level = 'county'`, [countyCode]);
  const result = await client.query<{ code: string; name: string; town_code: string; town_name: string }>(
    `select v.code, v.name, t.code as town_code, t.name as town_name from region v join region t on t.code = v.parent_code
     where v.level = 'village' and starts_with(v.code, $1) order by v.code`,
    [countyCode],
  );
  if (!county.rows[0] || result.rows.length === 0) {
    throw new DomainError(
      'UNKNOWN_REGION',
      `The regions of county ${countyCode} are not imported: run \`pnpm xingfu regions import --county ${countyCode}\` first.`,
      { code: countyCode },
    );
  }
  return {
    countyName: county.rows[0].name,
    villages: result.rows.map((r) => ({
      code: r.code,
      name: r.name,
      townCode: r.town_code,
      townName: r.town_name,
      urban: /(居民委员会|居委会|社区)/.test(r.name),
    })),
  };
}

/** A superuser may turn the per-row foreign-key triggers off for the load (they are then checked set-based). */
async function canSkipReferenceTriggers(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query<{ superuser: boolean }>('select rolsuper as superuser from pg_roles where rolname = current_user');
  return result.rows[0]?.superuser === true;
}

/** A part of a block handed to COPY when the load may take blocks in parts. */
const PART_BYTES = 4 << 20;

const LOCKED_TABLES = [...ID_TABLES, 'standard'].join(', ');

/**
 * Generates a preset's synthetic ledger and loads it with COPY, block by block, in one
 * transaction: either all of it is there or none. Same preset, seed and scale on the same
 * database state → the same rows, byte for byte.
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedReport> {
  const preset = typeof options.preset === 'string' ? findPreset(options.preset) : options.preset;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new DomainError('INVALID_INPUT', `--seed is a whole number, 0 or more, not ${seed}.`);
  const scale = parseScale(options.scale);
  const started = performance.now();
  const generator = new GeneratorThread();
  const client = new pg.Client({ connectionString: options.databaseUrl });
  try {
    await client.connect();
    const { countyName, villages } = await villagesOf(client, preset.countyCode);
    const factor = scale.singleVillage ? 1 / villages.length : scale.factor;
    await client.query('begin');
    await client.query(`lock table ${LOCKED_TABLES} in share row exclusive mode`);
    // A county may hold several years (a series such as `binhai`, year after year); the preset's
    // year must still be free: its ledger opens in January with payroll batches of its own.
    const existing = await client.query<{ households: string; year: string }>(
      `select (select count(*) from household where county_code = $1)::text as households,
              (select count(*) from payroll_batch where county_code = $1 and month >= make_date($2, 1, 1) and month < make_date($2 + 1, 1, 1))::text as year`,
      [preset.countyCode, preset.year],
    );
    const households = Number(existing.rows[0]?.households ?? 0);
    const yearTaken = Number(existing.rows[0]?.year ?? 0) > 0;
    let deletedRows = 0;
    if (options.replace ? households > 0 : yearTaken) {
      if (!options.replace) {
        throw new DomainError(
          'INVALID_INPUT',
          `${countyName} (${preset.countyCode}) already has a ledger for ${preset.year} (${households} households in all): add --replace to delete its generated data (${SYNTHETIC_MARK}, every year) first.`,
        );
      }
      deletedRows =
        (await deleteGeneratedFeeds(client, preset.countyCode)) +
        (await deleteGeneratedElderCare(client, preset.countyCode)) +
        (await deleteGeneratedData(client, preset.countyCode));
    }
    // generated ledgers are written wholesale, batch totals after their rows: the guard triggers of
    // frozen batches (migration 0005) let this transaction through
    await client.query("set local xingfu.writing_generated_data = 'on'");
    // after the deletions (whose cascades are triggers too)
    const fast = !options.referenceTriggers && (await canSkipReferenceTriggers(client));
    if (fast) await client.query('set local session_replication_role = replica');
    const idStart = new Map<TableName, number>();
    for (const table of ID_TABLES) {
      const r = await client.query<{ max: string }>(`select coalesce(max(id), 0)::text as max from ${table}`);
      idStart.set(table, Number(r.rows[0]?.max ?? 0));
    }
    const taken = await client.query<{ id_number: string }>('select id_number from person where starts_with(id_number, $1)', [
      preset.countyCode,
    ]);
    const standardIds = await writeStandards(client, preset);
    const rowsByTable: Record<string, number> = { standard: standardIds.length };
    const init: GeneratorInit = {
      preset,
      seed,
      factor,
      singleVillage: scale.singleVillage,
      villages,
      countyName,
      idStart: [...idStart],
      taken: taken.rows.map((r) => r.id_number),
      standardIds,
      scaleLabel: scale.label,
      // with the triggers off, the order of rows between tables does not matter until the check:
      // smaller parts let PostgreSQL start sooner and finish sooner after the generator
      partBytes: fast ? PART_BYTES : undefined,
    };
    // Generate a block (on a thread of its own, while the previous one is copied), load it, drop
    // it: memory stays flat at any scale.
    generator.start(init);
    // Into empty tables (a first load), the secondary indexes are built once after the rows are in.
    const setAside = fast ? await setAsideIndexes(client, await emptyTables(client, ID_TABLES)) : [];
    const phases = { load: 0, extras: 0, indexes: 0, references: 0, analyze: 0 };
    let mark = started;
    const lap = (phase: keyof typeof phases) => {
      const now = performance.now();
      phases[phase] += (now - mark) / 1000;
      mark = now;
    };
    let done: DoneMessage | undefined;
    let loaded = 0;
    for await (const message of generator.messages()) {
      if (message.type === 'done') {
        done = message;
        continue;
      }
      const counts = await copyText(client, message.tables);
      for (const [table, n] of counts) {
        rowsByTable[table] = (rowsByTable[table] ?? 0) + n;
        loaded += n;
      }
      if (message.block > 0 && message.block <= message.blocks) {
        options.onProgress?.({ block: message.block, blocks: message.blocks, rows: loaded, seconds: (performance.now() - started) / 1000 });
      }
    }
    if (!done) throw new Error('the generator ended without its totals');
    await client.query(
      `update payroll_batch b set payment_count = v.count, total_fen = v.total
       from unnest($1::int[], $2::int[], $3::bigint[]) as v(id, count, total) where b.id = v.id`,
      [done.batches.map((b) => b.id), done.batches.map((b) => b.count), done.batches.map((b) => b.total)],
    );
    lap('load');
    // elder care (docs/eldercare.md): facilities of the calibrated counties, this county's services
    await seedElderCare(client, { countyCode: preset.countyCode, seed, factor });
    // department data feeds with planted cases (docs/cross-checks.md), from the county's whole ledger
    const feeds = await seedFeeds(client, { countyCode: preset.countyCode, seed });
    // 社会大救助 referrals of its applications, answered by the departments (docs/cross-checks.md)
    await seedReferrals(client, { countyCode: preset.countyCode, seed });
    lap('extras');
    await restoreIndexes(client, setAside);
    lap('indexes');
    if (fast) {
      await client.query('set local session_replication_role = origin');
      await verifyReferences(client, idStart);
    }
    lap('references');
    for (const table of [...ID_TABLES, 'standard']) {
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
    }
    await client.query('commit');
    lap('load');
    await analyzeTables(client, options.databaseUrl, Object.entries(rowsByTable));
    lap('analyze');
    const seconds = (performance.now() - started) / 1000;
    const rows = Object.values(rowsByTable).reduce((a, b) => a + b, 0);
    return {
      preset: preset.name,
      countyCode: preset.countyCode,
      countyName,
      seed,
      scale: scale.label,
      households: done.counts.households,
      persons: done.counts.persons,
      payments: done.counts.payments,
      rows,
      rowsByTable,
      deletedRows,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      phases,
      indexesRebuilt: setAside.length,
      feeds,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await generator.stop();
    await client.end();
  }
}

/** The preset's standards (upserted: the preset decides the county's standards); their ids in order. */
async function writeStandards(client: pg.ClientBase, preset: Preset): Promise<number[]> {
  const values: unknown[] = [];
  const tuples = expandStandards(preset).map((s, i) => {
    values.push(s.program, preset.countyCode, s.area, s.tier ?? '', `${s.effective}-01`, s.yuan * 100, stamp(`${s.effective}-01`, 9, 0));
    const b = i * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}::area_type, $${b + 4}, $${b + 5}::date, $${b + 6}::bigint, $${b + 7}::timestamptz)`;
  });
  const result = await client.query<{ id: number }>(
    `insert into standard (program_code, county_code, area_type, tier, effective_month, amount_fen, created_at) values ${tuples.join(', ')}
     on conflict (program_code, county_code, area_type, tier, effective_month) do update set amount_fen = excluded.amount_fen
     returning id`,
    values,
  );
  return result.rows.map((r) => r.id);
}
