/**
 * `pnpm bench [--quick]`: Xingfu against the peers a user would pick instead, side by side in one
 * run, on one database and one data set. Writes docs/benchmarks.md and docs/benchmarks.json
 * (a quick run writes its report into the data folder instead, unless --out is given).
 * Method: docs/benchmarks.md (written by report.ts).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { API_NODE_FLAGS, loadConfig, mintToken } from '@xingfu/api';
import { cutRelease, openOrm } from '@xingfu/domain';
import { findPreset, seedDatabase } from '@xingfu/seed';
import { measureAbuse, type AbuseResult } from './abuse.js';
import { measureAggregates, AGGREGATES_QUERY, type AggregateResult } from './aggregates.js';
import { cannon, send, sequentialLatency, type Target } from './cannon.js';
import { addBenchFacilities, facilityListTarget, facilityPageShape, type ElderCareResult } from './eldercare.js';
import { BenchCluster, TEMPLATE_DATABASE } from './cluster.js';
import { measureImport, type ImportResult } from './ledger-import.js';
import { measureLoading, type LoadResult } from './loading.js';
import { cpuTimes, machineInfo, versions } from './machine.js';
import { canonical, firstDifference, nestedReadTarget, pageShape, type PageShape } from './nested-read.js';
import { WORKSPACE_ROOT } from './paths.js';
import { cpuMs, freePort, rssMb, sampleRss } from './processes.js';
import { summariseProfiles } from './profile.js';
import {
  crossCheckGoal,
  crossCheckSection,
  elderCareGoal,
  elderCareSection,
  evaluateGoals,
  importSection,
  releaseCutSection,
  renderMarkdown,
} from './report.js';
import type { AggregateFigures, BenchResults, DatasetInfo, Goal, HeapExperiment, Mode, ServerLoad } from './results.js';
import { measureSiteBuild, type SiteBuildResult } from './site-build.js';
import { countStatements } from './statements.js';
import { startCeiling, startPostGraphile, startXingfu, type RunningServer, type ServerName } from './servers.js';
import { latency, median, spread, type Latency } from './stats.js';
import { measureReleaseCuts, type ReleaseCutResult } from './release-cut.js';
import { measureCrossCheck, type CrossCheckResult } from './cross-check.js';

/** Rows of the synthetic county ledger the import case imports. */
const IMPORT_ROWS = 100_000;
const SERVERS: readonly ServerName[] = ['xingfu', 'postgraphile', 'ceiling'];
const PRESET = 'jiyang-2023';
const SEED = 20211231;
/** Raised for the benchmark: 100 households with nested lists exceed the default 50 000 (see the report). */
const MAX_QUERY_COST = 5_000_000;
/** The index PostGraphile needs to expose Enrollment.paymentsByEnrollmentId (payment.enrollment_id has only a partial one). */
const FK_INDEX = 'create index bench_payment_enrollment_index on payment (enrollment_id)';
/**
 * The memory experiments: the API as shipped with one V8 flag changed — the old generation sized
 * by V8's own heuristic (0, up to 4× its live size), held to 2× (100), or a young generation of
 * 2 × 32 MB instead of 2 × 16.
 */
/**
 * The API of measurement 6, as shipped but for the rate limit's exemption: the cheap query's client
 * (127.0.0.1) is exempt; the abusive clients (127.0.0.2–9) are rate-limited like any address
 * (as deployed), then, to see what the operation limits hold alone, not limited at all.
 */
const ABUSE_SCENARIOS: { label: string; env: Record<string, string> }[] = [
  { label: 'each abusive client rate-limited, as deployed', env: { XINGFU_PUBLIC_RATE_LIMIT_EXEMPT: '127.0.0.1' } },
  { label: 'no rate limit: the operation limits alone', env: { XINGFU_PUBLIC_RATE_LIMIT: '0' } },
];
const HEAP_EXPERIMENTS: string[][] = [['--heap-growing-percent=0'], ['--heap-growing-percent=100'], ['--max-semi-space-size=32']];

interface Plan {
  mode: Mode;
  pageSize: number;
  pageSizes: number[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
  repetitions: number;
  statementRequests: number;
  loadRepetitions: number;
  provinceScale: string;
  aggregates: { apiRequests: number; rawRequests: number; rawBudgetMs: number };
  mainSchema: { requests: number; postgraphileRequests: number };
  profileSeconds: number;
  abuse: { refusalRequests: number; seconds: number; clients: number };
  /** Full cuts, and corrections each followed by a cut, in the release section. */
  releaseCutRepetitions: number;
}

const PLANS: Record<Mode, Plan> = {
  full: {
    mode: 'full',
    pageSize: 100,
    pageSizes: [10, 50, 100],
    connections: 8,
    warmupSeconds: 5,
    seconds: 15,
    repetitions: 5,
    statementRequests: 5,
    loadRepetitions: 3,
    provinceScale: 'province',
    aggregates: { apiRequests: 1000, rawRequests: 50, rawBudgetMs: 60_000 },
    mainSchema: { requests: 50, postgraphileRequests: 5 },
    profileSeconds: 15,
    abuse: { refusalRequests: 500, seconds: 20, clients: 8 },
    releaseCutRepetitions: 3,
  },
  quick: {
    mode: 'quick',
    pageSize: 100,
    pageSizes: [10, 50, 100],
    connections: 8,
    warmupSeconds: 2,
    seconds: 4,
    repetitions: 3,
    statementRequests: 3,
    loadRepetitions: 1,
    provinceScale: '1.5',
    aggregates: { apiRequests: 200, rawRequests: 20, rawBudgetMs: 5_000 },
    mainSchema: { requests: 10, postgraphileRequests: 1 },
    profileSeconds: 0,
    abuse: { refusalRequests: 100, seconds: 4, clients: 8 },
    releaseCutRepetitions: 1,
  },
};

const log = (line: string) => process.stdout.write(`${line}\n`);

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  log(`… ${label}`);
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  log(`✔ ${label} (${seconds.toFixed(1)} s)`);
  return { value, seconds };
}

async function release(url: string): Promise<void> {
  const orm = await openOrm({ clientUrl: url });
  try {
    await orm.em.fork().transactional((em) => cutRelease(em, { createdBy: 'bench', note: 'benchmark' }));
  } finally {
    await orm.close(true);
  }
}

/** Counts of a dataset; `rows` is what the loader wrote (or, for a reused database, the estimate of every table's rows). */
async function datasetInfo(
  cluster: BenchCluster,
  database: string,
  countyCode: string,
  scale: string,
  rows?: number,
): Promise<DatasetInfo> {
  return cluster.admin(async (c) => {
    const count = async (sql: string) => Number((await c.query<{ n: string }>(sql, [countyCode])).rows[0]?.n ?? 0);
    const households = await count(`select count(*)::text as n from household where county_code = $1`);
    const persons = await count(
      `select count(distinct m.person_id)::text as n from household_member m join household h on h.id = m.household_id where h.county_code = $1`,
    );
    const payments = await count(`select count(*)::text as n from payment where county_code = $1`);
    const estimate = async () =>
      Number((await c.query<{ n: string }>(`select sum(n_live_tup)::text as n from pg_stat_user_tables`)).rows[0]?.n ?? 0);
    return { scale, households, persons, payments, rows: rows ?? (await estimate()), seed_seconds: null, release_seconds: null };
  }, database);
}

/** A seeded, released database for a scale; reused with --reuse-data when it was built with the same settings. */
async function ensureDataset(
  cluster: BenchCluster,
  name: string,
  scale: string,
  reuse: boolean,
  fromLoad?: { database: string; seconds: number; rows: number },
): Promise<DatasetInfo> {
  const key = JSON.stringify({ preset: PRESET, seed: SEED, scale, released: true });
  const countyCode = findPreset(PRESET).countyCode;
  if (reuse && (await cluster.exists(name)) && (await cluster.comment(name)) === key) {
    log(`✔ reusing ${name} (${scale})`);
    return datasetInfo(cluster, name, countyCode, scale);
  }
  let seedSeconds: number;
  let rows: number;
  if (fromLoad) {
    await cluster.rename(fromLoad.database, name);
    seedSeconds = fromLoad.seconds;
    rows = fromLoad.rows;
  } else {
    const url = await cluster.cloneTemplate(name);
    await cluster.admin((c) => c.query('checkpoint'));
    const seeded = await timed(`seeding ${PRESET} at scale ${scale} into ${name}`, () =>
      seedDatabase({ databaseUrl: url, preset: PRESET, seed: SEED, scale }),
    );
    seedSeconds = seeded.seconds;
    rows = seeded.value.rows;
  }
  const released = await timed(`cutting a release on ${name}`, () => release(cluster.url(name)));
  await cluster.setComment(name, key);
  return { ...(await datasetInfo(cluster, name, countyCode, scale, rows)), seed_seconds: seedSeconds, release_seconds: released.seconds };
}

interface NestedLoad {
  loads: Record<ServerName, ServerLoad>;
  page: PageShape;
  rss: Record<ServerName, number[]>;
  rssIdle: number;
  samples: Record<string, { query: string; calls: number; execMs: number }[]>;
}

/** Statements per request at each page size, by pg_stat_statements (after two warm requests). */
async function statementsPerRequest(
  cluster: BenchCluster,
  database: string,
  targetOf: (pageSize: number) => Target,
  plan: Plan,
): Promise<{ perPage: Record<string, number>; execMs: number; top: { query: string; calls: number; execMs: number }[] }> {
  const perPage: Record<string, number> = {};
  let execMs = 0;
  let top: { query: string; calls: number; execMs: number }[] = [];
  for (const size of plan.pageSizes) {
    const target = targetOf(size);
    await send(target);
    await send(target);
    const sample = await countStatements(cluster, database, async () => {
      for (let i = 0; i < plan.statementRequests; i++) await send(target);
    });
    perPage[String(size)] = sample.statements / plan.statementRequests;
    if (size === plan.pageSize) {
      execMs = sample.execMs / plan.statementRequests;
      top = sample.top;
    }
  }
  return { perPage, execMs, top };
}

/** The three answers, normalised, must be equal before anything is timed. */
async function checkEqual(servers: RunningServer[], countyCode: string, token: string, pageSize: number): Promise<PageShape> {
  const pages = await Promise.all(
    servers.map(async (s) => ({ name: s.name, page: canonical(s.name, await send(nestedReadTarget(s, countyCode, pageSize, token))) })),
  );
  const [reference, ...others] = pages;
  if (!reference) throw new Error('no server');
  for (const other of others) {
    const difference = firstDifference(reference.page, other.page);
    if (difference) throw new Error(`${reference.name} and ${other.name} answer the nested read differently at ${difference}`);
  }
  const shape = pageShape(reference.page);
  if (shape.households !== pageSize) throw new Error(`the page holds ${shape.households} households, not ${pageSize}`);
  return shape;
}

async function nestedReadUnderLoad(
  cluster: BenchCluster,
  database: string,
  servers: RunningServer[],
  countyCode: string,
  token: string,
  plan: Plan,
): Promise<NestedLoad> {
  const page = await checkEqual(servers, countyCode, token, plan.pageSize);
  log(
    `  responses equal: ${page.households} households, ${page.members} members, ${page.enrollments} enrollments, ${page.payments} payments`,
  );
  const statements = new Map<ServerName, Awaited<ReturnType<typeof statementsPerRequest>>>();
  for (const server of servers) {
    const counted = await statementsPerRequest(cluster, database, (size) => nestedReadTarget(server, countyCode, size, token), plan);
    statements.set(server.name, counted);
    log(`  ${server.name}: statements per request ${JSON.stringify(counted.perPage)}`);
  }
  const xingfu = servers.find((s) => s.name === 'xingfu')!;
  const rssIdle = await rssMb(xingfu.child.pid);
  for (const server of servers) {
    await cannon(nestedReadTarget(server, countyCode, plan.pageSize, token), {
      connections: plan.connections,
      seconds: plan.warmupSeconds,
    });
  }
  const runs = new Map<ServerName, { rps: number; p50: number; p95: number; p99: number; requests: number; cpu: number }[]>();
  const rss: Record<ServerName, number[]> = { xingfu: [], postgraphile: [], ceiling: [] };
  for (let rep = 0; rep < plan.repetitions; rep++) {
    // rotate the order so no server always runs first or last
    const order = servers.map((_, i) => servers[(i + rep) % servers.length]!);
    for (const server of order) {
      const sampler = sampleRss(server.child.pid);
      const cpuBefore = await cpuMs(server.child.pid);
      const result = await cannon(nestedReadTarget(server, countyCode, plan.pageSize, token), {
        connections: plan.connections,
        seconds: plan.seconds,
      });
      const cpu = (await cpuMs(server.child.pid)) - cpuBefore;
      rss[server.name].push(...sampler.stop());
      const l = latency(result.latencies);
      runs.set(server.name, [
        ...(runs.get(server.name) ?? []),
        { rps: result.requestsPerSecond, p50: l.p50, p95: l.p95, p99: l.p99, requests: result.requests, cpu },
      ]);
      log(`  ${rep + 1}/${plan.repetitions} ${server.name}: ${result.requestsPerSecond.toFixed(1)} req/s, p95 ${l.p95.toFixed(0)} ms`);
    }
  }
  const loads = Object.fromEntries(
    servers.map((s) => {
      const r = runs.get(s.name) ?? [];
      const st = statements.get(s.name)!;
      const load: ServerLoad = {
        requests_per_s: spread(r.map((x) => x.rps)),
        latency_ms: { p50: spread(r.map((x) => x.p50)), p95: spread(r.map((x) => x.p95)), p99: spread(r.map((x) => x.p99)) },
        requests: r.reduce((n, x) => n + x.requests, 0),
        statements_per_request: st.perPage,
        pg_exec_ms_per_request: st.execMs,
        process_cpu_ms_per_request:
          r.reduce((n, x) => n + x.cpu, 0) /
          Math.max(
            1,
            r.reduce((n, x) => n + x.requests, 0),
          ),
      };
      return [s.name, load];
    }),
  ) as Record<ServerName, ServerLoad>;
  const samples = Object.fromEntries([...statements.entries()].map(([name, st]) => [name, st.top]));
  return { loads, page, rss, rssIdle, samples };
}

/** One request at a time on main's schema as migrated: what the missing index costs each server. */
async function mainSchemaLatency(
  servers: RunningServer[],
  countyCode: string,
  token: string,
  plan: Plan,
): Promise<Record<ServerName, Latency>> {
  await checkEqual(servers, countyCode, token, plan.pageSize);
  const out: Partial<Record<ServerName, Latency>> = {};
  for (const server of servers) {
    const count = server.name === 'postgraphile' ? plan.mainSchema.postgraphileRequests : plan.mainSchema.requests;
    const samples = await sequentialLatency(nestedReadTarget(server, countyCode, plan.pageSize, token), {
      warmup: server.name === 'postgraphile' ? 0 : 3,
      count,
      budgetMs: 60_000,
      minimum: Math.min(count, 3),
    });
    out[server.name] = latency(samples);
    log(`  ${server.name}: p50 ${out[server.name]!.p50.toFixed(0)} ms (one at a time, n=${samples.length})`);
  }
  return out as Record<ServerName, Latency>;
}

/**
 * The same load on the API started with other V8 heap flags (informational: what a lower RSS
 * costs in throughput and latency; the goal is judged on the API as shipped).
 */
async function heapExperiment(
  flags: string[],
  databaseUrl: string,
  workDir: string,
  countyCode: string,
  token: string,
  plan: Plan,
): Promise<HeapExperiment> {
  const server = await startXingfu({ databaseUrl, logDir: workDir, maxQueryCost: MAX_QUERY_COST, nodeArgs: flags });
  try {
    const target = nestedReadTarget(server, countyCode, plan.pageSize, token);
    await cannon(target, { connections: plan.connections, seconds: plan.warmupSeconds });
    const sampler = sampleRss(server.child.pid);
    const run = await cannon(target, { connections: plan.connections, seconds: plan.seconds });
    const samples = sampler.stop();
    return { flags, rss_mb: Math.max(...samples), requests_per_s: run.requestsPerSecond, p95_ms: latency(run.latencies).p95 };
  } finally {
    await server.child.stop();
  }
}

async function profileXingfu(
  cluster: BenchCluster,
  database: string,
  workDir: string,
  countyCode: string,
  token: string,
  plan: Plan,
): Promise<BenchResults['profile']> {
  const dir = join(workDir, 'profile');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const server = await startXingfu({
    databaseUrl: cluster.url(database),
    logDir: workDir,
    maxQueryCost: MAX_QUERY_COST,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  let requests = 0;
  let sample: Awaited<ReturnType<typeof countStatements>>;
  try {
    const target = nestedReadTarget(server, countyCode, plan.pageSize, token);
    await cannon(target, { connections: plan.connections, seconds: 2 });
    sample = await countStatements(cluster, database, async () => {
      requests = (await cannon(target, { connections: plan.connections, seconds: plan.profileSeconds })).requests;
    });
  } finally {
    await server.child.stop();
  }
  const summary = await summariseProfiles(dir);
  // busy time of the API process vs time PostgreSQL spent executing its statements
  return { ...summary, seconds: plan.profileSeconds, requests, pg_exec_share: sample.execMs / (sample.execMs + summary.busyMs) };
}

/** Measurement 8 on the province database (bench_province, seeded): bulk feeds, one cross-check run, a sequential scan. */
async function crossCheckCase(cluster: BenchCluster, countyCode: string, plan: Plan): Promise<CrossCheckResult> {
  return (
    await timed(`cross-check run over everyone enrolled, scale ${plan.provinceScale}`, () =>
      measureCrossCheck(cluster.url('bench_province'), countyCode, log),
    )
  ).value;
}

/**
 * Measurement 9 on a released county database: the bench's facilities added (addBenchFacilities),
 * then the facility list on a fresh API: statements per request at each page size
 * (pg_stat_statements, as for the nested read), then requests/s and latency under autocannon at
 * the largest page size.
 */
async function elderCareCase(
  cluster: BenchCluster,
  database: string,
  workDir: string,
  countyCode: string,
  token: string,
  plan: Plan,
): Promise<ElderCareResult> {
  const added = await timed('elder care: the county’s facilities at a realistic scale', () =>
    addBenchFacilities(cluster.url(database), countyCode),
  );
  log(`  ${added.value.facilities} facilities (${added.value.added} of them added by the bench)`);
  const server = await startXingfu({ databaseUrl: cluster.url(database), logDir: workDir, maxQueryCost: MAX_QUERY_COST });
  try {
    const targetOf = (size: number) => facilityListTarget(server, countyCode, size, token);
    const page = facilityPageShape(await send(targetOf(plan.pageSize)));
    if (page.facilities !== plan.pageSize) throw new Error(`the facility list holds ${page.facilities} facilities, not ${plan.pageSize}`);
    log(
      `  a page: ${page.facilities} facilities, ${page.withCapacity} with capacity, ${page.openHazards} open hazards (${page.overdueHazards} overdue)`,
    );
    const counted = await statementsPerRequest(cluster, database, targetOf, plan);
    log(`  statements per request ${JSON.stringify(counted.perPage)}`);
    await cannon(targetOf(plan.pageSize), { connections: plan.connections, seconds: plan.warmupSeconds });
    const runs: { rps: number; p50: number; p95: number; p99: number; requests: number }[] = [];
    for (let rep = 0; rep < plan.repetitions; rep++) {
      const result = await cannon(targetOf(plan.pageSize), { connections: plan.connections, seconds: plan.seconds });
      const l = latency(result.latencies);
      runs.push({ rps: result.requestsPerSecond, p50: l.p50, p95: l.p95, p99: l.p99, requests: result.requests });
      log(`  ${rep + 1}/${plan.repetitions}: ${result.requestsPerSecond.toFixed(1)} req/s, p95 ${l.p95.toFixed(0)} ms`);
    }
    return {
      facilities: added.value.facilities,
      added_facilities: added.value.added,
      page_size: plan.pageSize,
      page,
      statements_per_request: counted.perPage,
      statements_constant_in_page_size: new Set(Object.values(counted.perPage)).size === 1,
      pg_exec_ms_per_request: counted.execMs,
      requests_per_s: spread(runs.map((r) => r.rps)),
      latency_ms: { p50: spread(runs.map((r) => r.p50)), p95: spread(runs.map((r) => r.p95)), p99: spread(runs.map((r) => r.p99)) },
      requests: runs.reduce((n, r) => n + r.requests, 0),
      sample_statements: counted.top,
    };
  } finally {
    await server.child.stop();
  }
}

/** The goal of a case run alone, as one line under its section. */
const goalLine = (goal: Goal) =>
  `Goal: ${goal.goal} — target ${goal.target}, measured ${goal.actual}: ${goal.met === null ? 'informational' : goal.margin}.`;

function aggregateFigures(r: AggregateResult): AggregateFigures {
  return { cells: r.cells, cells_compared: r.cellsCompared, cells_equal_to_raw: r.cellsEqual, api_ms: r.api, raw_group_by_ms: r.raw };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      'pg-port': { type: 'string' },
      'reuse-data': { type: 'boolean', default: false },
      skip: { type: 'string', default: '' },
      only: { type: 'string' },
      'import-rows': { type: 'string', default: String(IMPORT_ROWS) },
      'render-only': { type: 'boolean', default: false },
      profile: { type: 'boolean' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(`pnpm bench [--quick] [--out <dir>] [--data-dir <dir>] [--pg-port <n>] [--reuse-data] [--profile]

  --quick        shorter runs, one load repetition, "province" at scale ${PLANS.quick.provinceScale} (under 5 minutes);
                 writes its report into the data folder unless --out is given
  --out          where benchmarks.md and benchmarks.json go (default: docs/ for a full run)
  --data-dir     the benchmark's PostgreSQL cluster and work files (default: XINGFU_BENCH_DATA_DIR or .data/bench)
  --pg-port      port of that cluster (default: XINGFU_BENCH_PG_PORT or a free port)
  --reuse-data   keep the seeded county/province databases of an earlier run with the same settings
                 (for working on the benchmark; the loader is measured afresh either way)
  --profile      CPU-profile the API under the nested read (always on in a full run)
  --skip <list>  leave sections out while working on the benchmark: load, site, province, abuse, release, import, eldercare, crosscheck (not for reports)
  --only import  run one case alone: the ledger import (writes import.md and import.json into --out or the data folder)
  --only release run one case alone: release cuts at county scale (writes release.md and release.json likewise)
  --only eldercare   run one case alone: a county's facility list (elder care) at page sizes and under load
                 (eldercare.md, eldercare.json)
  --only crosscheck  run one case alone: a cross-check run over the province database (crosscheck.md, crosscheck.json;
                 with --quick the province is scale ${PLANS.quick.provinceScale})
  --import-rows  rows of the ledger the import case imports (default ${IMPORT_ROWS})
  --render-only  write benchmarks.md again from the benchmarks.json in --out (after a change to the report's text)`);
    return;
  }
  const plan: Plan = { ...PLANS[values.quick ? 'quick' : 'full'] };
  if (values.profile !== undefined) plan.profileSeconds = values.profile ? PLANS.full.profileSeconds : 0;
  const dataDir = resolve(WORKSPACE_ROOT, values['data-dir'] ?? process.env['XINGFU_BENCH_DATA_DIR'] ?? '.data/bench');
  const outDir = resolve(WORKSPACE_ROOT, values.out ?? (plan.mode === 'full' ? 'docs' : dataDir));
  if (values['render-only']) {
    const results = JSON.parse(await readFile(join(outDir, 'benchmarks.json'), 'utf8')) as BenchResults;
    await writeFile(join(outDir, 'benchmarks.md'), renderMarkdown(results));
    log(`Wrote ${join(outDir, 'benchmarks.md')} from benchmarks.json (run of ${results.date}).`);
    return;
  }
  const workDir = join(dataDir, 'work');
  const pgPort = Number(values['pg-port'] ?? process.env['XINGFU_BENCH_PG_PORT'] ?? (await freePort()));
  const reuse = values['reuse-data'];
  const skip = new Set(values.skip.split(',').filter(Boolean));
  const preset = findPreset(PRESET);
  const countyCode = preset.countyCode;
  const started = performance.now();
  const machine = machineInfo();
  const cpuStart = await cpuTimes();
  log(`xingfu bench (${plan.mode}): data in ${dataDir}, PostgreSQL on ${pgPort}; load average ${machine.loadAverageStart.join(' ')}`);

  if (!reuse) await rm(join(dataDir, 'pg'), { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const cluster = await timed('starting PostgreSQL', () => BenchCluster.start(dataDir, pgPort, () => undefined)).then((r) => r.value);
  const children: RunningServer[] = [];
  const stopChildren = async () => {
    await Promise.all(children.splice(0).map((c) => c.child.stop()));
  };
  try {
    if (!reuse || !(await cluster.exists(TEMPLATE_DATABASE))) {
      await timed('migrating the template database and importing the regions', () => cluster.createTemplate(countyCode));
    }
    const token = await mintToken(
      { secret: loadConfig({}).XINGFU_JWT_SECRET },
      { subject: 'bench', role: 'county_admin', regionCode: countyCode },
    );
    const importCase = () =>
      timed(`ledger import: ${values['import-rows']} rows through importLedger, against psql COPY of the rows it writes`, () =>
        measureImport(cluster, { countyCode, rows: Number(values['import-rows']), workDir, log }),
      ).then((r) => r.value);
    if (values.only === 'import') {
      const result = await importCase();
      const out = resolve(WORKSPACE_ROOT, values.out ?? dataDir);
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'import.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
      await writeFile(join(out, 'import.md'), importSection(result).join('\n'));
      log(
        `\nWrote ${join(out, 'import.md')} and import.json: ${result.import_seconds.toFixed(1)} s, ${result.ratio_vs_copy.toFixed(1)}× COPY.`,
      );
      return;
    } else if (values.only === 'release') {
      const county = await ensureDataset(cluster, 'bench_county', 'county', reuse);
      const result = (
        await timed('release cuts, county scale: in full and after one correction', () =>
          measureReleaseCuts(cluster.url('bench_county'), countyCode, plan.releaseCutRepetitions),
        )
      ).value;
      const out = resolve(WORKSPACE_ROOT, values.out ?? dataDir);
      await mkdir(out, { recursive: true });
      await writeFile(
        join(out, 'release.json'),
        `${JSON.stringify({ date: new Date().toISOString(), machine, county, ...result }, null, 2)}\n`,
      );
      await writeFile(join(out, 'release.md'), releaseCutSection({ release_cuts: result } as BenchResults).join('\n'));
      log(
        `\nWrote ${join(out, 'release.md')} and release.json: in full ${result.full_median_s.toFixed(1)} s, after one correction ${result.after_correction_median_s.toFixed(1)} s.`,
      );
      return;
    } else if (values.only === 'eldercare') {
      const county = await ensureDataset(cluster, 'bench_county', 'county', reuse);
      const result = (
        await timed('elder care: a county’s facility list with capacity and open hazards', () =>
          elderCareCase(cluster, 'bench_county', workDir, countyCode, token, plan),
        )
      ).value;
      const out = resolve(WORKSPACE_ROOT, values.out ?? dataDir);
      await mkdir(out, { recursive: true });
      const goal = elderCareGoal(result);
      await writeFile(
        join(out, 'eldercare.json'),
        `${JSON.stringify({ date: new Date().toISOString(), machine, county, ...result, goal }, null, 2)}\n`,
      );
      await writeFile(join(out, 'eldercare.md'), [...elderCareSection(result), goalLine(goal), ''].join('\n'));
      log(`\nWrote ${join(out, 'eldercare.md')} and eldercare.json: ${goal.goal}: ${goal.actual} (${goal.margin}).`);
      return;
    } else if (values.only === 'crosscheck') {
      const province = await ensureDataset(cluster, 'bench_province', plan.provinceScale, reuse);
      const result = await crossCheckCase(cluster, countyCode, plan);
      const out = resolve(WORKSPACE_ROOT, values.out ?? dataDir);
      await mkdir(out, { recursive: true });
      const goal = crossCheckGoal(result, province.scale);
      await writeFile(
        join(out, 'crosscheck.json'),
        `${JSON.stringify({ date: new Date().toISOString(), machine, province, ...result, goal }, null, 2)}\n`,
      );
      await writeFile(join(out, 'crosscheck.md'), [...crossCheckSection(result, province), goalLine(goal), ''].join('\n'));
      log(`\nWrote ${join(out, 'crosscheck.md')} and crosscheck.json: ${goal.goal}: ${goal.actual} (${goal.margin}).`);
      return;
    } else if (values.only) {
      throw new Error(`--only knows these cases: import, release, eldercare, crosscheck (not ${values.only}).`);
    }

    // 3. Loading: the loader against COPY through psql, same rows, fresh databases.
    const loading: LoadResult | null = skip.has('load')
      ? null
      : (
          await timed(`loading ${PRESET} (county scale): the loader against psql COPY, ${plan.loadRepetitions}×`, () =>
            measureLoading(cluster, {
              preset: PRESET,
              seed: SEED,
              scale: 'county',
              repetitions: plan.loadRepetitions,
              workDir,
              log,
              withTriggers: plan.mode === 'full',
            }),
          )
        ).value;
    const county = await ensureDataset(
      cluster,
      'bench_county',
      'county',
      reuse,
      loading ? { database: loading.keptDatabase, seconds: loading.loaderSeconds.median, rows: loading.report.rows } : undefined,
    );
    if (loading) await cluster.drop(loading.keptDatabase);
    const countyUrl = cluster.url('bench_county');

    // 1a. Nested read on main's schema, one request at a time.
    children.push(await startXingfu({ databaseUrl: countyUrl, logDir: workDir, maxQueryCost: MAX_QUERY_COST }));
    children.push(await startPostGraphile(countyUrl, workDir));
    children.push(await startCeiling(countyUrl, workDir));
    const byName = (name: ServerName) => children.find((c) => c.name === name)!;
    const mainSchema = (
      await timed('nested read on the schema as migrated (one request at a time)', () =>
        mainSchemaLatency(children, countyCode, token, plan),
      )
    ).value;

    // 2. Public aggregates (county) and 4. the site build, on the schema as migrated.
    const countyAggregates = (
      await timed('public aggregates, county scale', () =>
        measureAggregates(byName('xingfu'), byName('ceiling'), countyCode, preset.year, plan.aggregates),
      )
    ).value;
    const site: SiteBuildResult | null = skip.has('site')
      ? null
      : (await timed(`site build (${PRESET})`, () => measureSiteBuild(byName('xingfu'), workDir))).value;
    if (site && !site.ok) log(`  the site build failed: ${site.error ?? ''}`);

    // 6. Hostile traffic on the public endpoint, on an API of its own (its own rate-limit counters).
    await stopChildren();
    const abuse: AbuseResult | null = skip.has('abuse')
      ? null
      : (
          await timed(`hostile traffic: the amplification refused, a cheap query beside ${plan.abuse.clients} abusive clients`, () =>
            measureAbuse({
              countyCode,
              year: preset.year,
              ...plan.abuse,
              log,
              scenarios: ABUSE_SCENARIOS.map(({ label, env }) => ({
                label,
                start: () => startXingfu({ databaseUrl: countyUrl, logDir: workDir, maxQueryCost: 50_000, env }),
              })),
            }),
          )
        ).value;

    // 1b. Nested read under load, with the foreign-key index PostGraphile needs, all servers restarted.
    await cluster.admin(async (c) => {
      await c.query(FK_INDEX);
      await c.query('analyze payment');
    }, 'bench_county');
    children.push(await startXingfu({ databaseUrl: countyUrl, logDir: workDir, maxQueryCost: MAX_QUERY_COST }));
    children.push(await startPostGraphile(countyUrl, workDir));
    children.push(await startCeiling(countyUrl, workDir));
    const order = SERVERS.map(byName);
    const nested = (
      await timed('nested read under load', () => nestedReadUnderLoad(cluster, 'bench_county', order, countyCode, token, plan))
    ).value;
    await stopChildren();
    const heap: HeapExperiment[] = [];
    for (const flags of HEAP_EXPERIMENTS) {
      heap.push(
        (
          await timed(`the API with ${flags.join(' ')} (memory experiment)`, () =>
            heapExperiment(flags, countyUrl, workDir, countyCode, token, plan),
          )
        ).value,
      );
    }
    const profile =
      plan.profileSeconds > 0
        ? (
            await timed('CPU profile of the API under the nested read', () =>
              profileXingfu(cluster, 'bench_county', workDir, countyCode, token, plan),
            )
          ).value
        : null;
    await cluster.admin((c) => c.query('drop index bench_payment_enrollment_index'), 'bench_county');

    // 7. Release cuts at county scale: in full against after one correction (last: it adds releases to bench_county).
    const releaseCuts: ReleaseCutResult | null = skip.has('release')
      ? null
      : (
          await timed('release cuts, county scale: in full and after one correction', () =>
            measureReleaseCuts(countyUrl, countyCode, plan.releaseCutRepetitions),
          )
        ).value;

    // 9. Elder care: the facility list (after the release cuts: it adds facilities to bench_county).
    const elderCare: ElderCareResult | null = skip.has('eldercare')
      ? null
      : (
          await timed('elder care: a county’s facility list with capacity and open hazards', () =>
            elderCareCase(cluster, 'bench_county', workDir, countyCode, token, plan),
          )
        ).value;

    // 2. Public aggregates at province scale.
    let province: DatasetInfo | null = null;
    let provinceAggregates: AggregateResult | null = null;
    if (!skip.has('province')) {
      province = await ensureDataset(cluster, 'bench_province', plan.provinceScale, reuse);
      const provinceUrl = cluster.url('bench_province');
      children.push(await startXingfu({ databaseUrl: provinceUrl, logDir: workDir, maxQueryCost: MAX_QUERY_COST }));
      children.push(await startCeiling(provinceUrl, workDir));
      provinceAggregates = (
        await timed(`public aggregates, scale ${plan.provinceScale}`, () =>
          measureAggregates(byName('xingfu'), byName('ceiling'), countyCode, preset.year, plan.aggregates),
        )
      ).value;
      await stopChildren();
    }
    // 8. A cross-check run over everyone enrolled at province scale.
    const crossCheck: CrossCheckResult | null =
      province && !skip.has('crosscheck') ? await crossCheckCase(cluster, countyCode, plan) : null;

    const ledgerImport: ImportResult | null = skip.has('import') ? null : await importCase();

    const cpuEnd = await cpuTimes();
    machine.loadAverageEnd = loadavg().map((l) => Math.round(l * 100) / 100);
    if (cpuStart && cpuEnd)
      machine.cpuBusyShare = Math.round(((cpuEnd.busy - cpuStart.busy) / (cpuEnd.total - cpuStart.total)) * 100) / 100;

    const loads = nested.loads;
    const results: BenchResults = {
      schema_version: 1,
      mode: plan.mode,
      date: new Date().toISOString(),
      duration_s: Math.round((performance.now() - started) / 1000),
      machine,
      versions: await versions(await cluster.serverVersion()),
      settings: { ...plan, max_query_cost: MAX_QUERY_COST, fk_index: FK_INDEX, preset: PRESET, seed: SEED, pool_size: 10 },
      data: { preset: PRESET, seed: SEED, county, province },
      nested_read: {
        page_size: plan.pageSize,
        connections: plan.connections,
        warmup_s: plan.warmupSeconds,
        duration_s: plan.seconds,
        repetitions: plan.repetitions,
        database: `bench_county: the schema as migrated, plus ${FK_INDEX.replace('create index ', '')}`,
        page: nested.page,
        responses_equal: true,
        servers: loads,
        ratio_vs_postgraphile: loads.xingfu.requests_per_s.median / loads.postgraphile.requests_per_s.median,
        ratio_vs_ceiling: loads.xingfu.requests_per_s.median / loads.ceiling.requests_per_s.median,
        p95_ratio_vs_postgraphile: loads.xingfu.latency_ms.p95.median / loads.postgraphile.latency_ms.p95.median,
        statements_constant_in_page_size: new Set(Object.values(loads.xingfu.statements_per_request)).size === 1,
        main_schema: mainSchema,
        sample_statements: nested.samples,
      },
      public_aggregate: {
        query: AGGREGATES_QUERY,
        county: aggregateFigures(countyAggregates),
        province: provinceAggregates ? aggregateFigures(provinceAggregates) : null,
        p95_ms_county: countyAggregates.api.p95,
        p95_ms_province: provinceAggregates?.api.p95 ?? null,
        raw_group_by_p95_ms_county: countyAggregates.raw.p95,
        raw_group_by_p95_ms_province: provinceAggregates?.raw.p95 ?? null,
      },
      load: loading && {
        scale: 'county',
        repetitions: plan.loadRepetitions,
        rows: loading.rows,
        loader_rows_per_s: loading.loader,
        loader_seconds: loading.loaderSeconds,
        copy_rows_per_s: loading.copy,
        copy_seconds: loading.copySeconds,
        copy_with_triggers_rows_per_s: loading.copyWithTriggers,
        copy_with_triggers_seconds: loading.copyWithTriggersSeconds,
        ratio_vs_copy: loading.ratioVsCopy,
        ratio_vs_copy_with_triggers: loading.ratioVsCopyWithTriggers,
        province_loader_rows_per_s: province?.seed_seconds ? province.rows / province.seed_seconds : null,
        loader_phases_s: {
          // generating and copying, elder care and feeds included (as before they were told apart)
          load: loading.phases.load.median + loading.phases.extras.median,
          indexes: loading.phases.indexes.median,
          references: loading.phases.references.median,
          analyze: loading.phases.analyze.median,
        },
        indexes_rebuilt: loading.report.indexesRebuilt,
      },
      release_cuts: releaseCuts,
      site_build: site && {
        ok: site.ok,
        seconds: site.seconds,
        graphql_requests: site.graphqlRequests,
        site_logged_requests: site.siteLoggedRequests,
        pages: site.pages,
        ...(site.error ? { error: site.error } : {}),
      },
      api: {
        rss_mb: Math.max(...nested.rss.xingfu),
        rss_mb_median: median(nested.rss.xingfu),
        rss_idle_mb: nested.rssIdle,
        rss_samples: nested.rss.xingfu.length,
        peers_rss_mb: { postgraphile: Math.max(...nested.rss.postgraphile), ceiling: Math.max(...nested.rss.ceiling) },
        node_flags: [...API_NODE_FLAGS],
        heap_experiments: heap,
      },
      profile,
      abuse,
      ledger_import: ledgerImport,
      cross_check: crossCheck,
      elder_care: elderCare,
      goals: [],
    };
    results.goals = evaluateGoals(results);
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(join(outDir, 'benchmarks.md'), renderMarkdown(results));
    log(`\nWrote ${join(outDir, 'benchmarks.md')} and benchmarks.json in ${results.duration_s} s.`);
    for (const goal of results.goals)
      log(`  ${goal.met === null ? '·' : goal.met ? '✔' : '✘'} ${goal.goal}: ${goal.actual} (target ${goal.target}; ${goal.margin})`);
  } finally {
    await stopChildren();
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
