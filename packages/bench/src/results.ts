import type { ReleaseCutResult } from './release-cut.js';
import type { CrossCheckResult } from './cross-check.js';
import type { ElderCareResult } from './eldercare.js';
import type { AbuseResult } from './abuse.js';
import type { ImportResult } from './ledger-import.js';
import type { MachineInfo } from './machine.js';
import type { ProfileSummary } from './profile.js';

/** One run of the nested-read load on the API started with extra V8 flags. */
export interface HeapExperiment {
  flags: string[];
  rss_mb: number;
  requests_per_s: number;
  p95_ms: number;
}
import type { Latency, Spread } from './stats.js';

export type Mode = 'full' | 'quick';

export interface ServerLoad {
  requests_per_s: Spread;
  /** Median over the repetitions of each repetition's percentile, and the range. */
  latency_ms: { p50: Spread; p95: Spread; p99: Spread };
  requests: number;
  statements_per_request: Record<string, number>;
  pg_exec_ms_per_request: number;
  /** CPU time of the server's own process per request under load (Node; PostgreSQL not included). */
  process_cpu_ms_per_request: number;
}

export interface Goal {
  goal: string;
  target: string;
  actual: string;
  met: boolean | null;
  /** How far from the target, when missed (or the margin, when met). */
  margin: string;
}

export interface BenchResults {
  schema_version: 1;
  mode: Mode;
  date: string;
  duration_s: number;
  machine: MachineInfo;
  versions: Record<string, string>;
  settings: Record<string, unknown>;
  data: {
    preset: string;
    seed: number;
    county: DatasetInfo;
    province: DatasetInfo | null;
  };
  nested_read: {
    page_size: number;
    connections: number;
    warmup_s: number;
    duration_s: number;
    repetitions: number;
    database: string;
    page: { households: number; members: number; enrollments: number; payments: number };
    responses_equal: boolean;
    servers: Record<'xingfu' | 'postgraphile' | 'ceiling', ServerLoad>;
    ratio_vs_postgraphile: number;
    ratio_vs_ceiling: number;
    p95_ratio_vs_postgraphile: number;
    statements_constant_in_page_size: boolean;
    /** One request at a time on the schema exactly as main migrates it (no index on payment.enrollment_id). */
    main_schema: Record<'xingfu' | 'postgraphile' | 'ceiling', Latency> | null;
    sample_statements: Record<string, { query: string; calls: number; execMs: number }[]>;
  };
  public_aggregate: {
    query: string;
    county: AggregateFigures;
    province: AggregateFigures | null;
    p95_ms_county: number;
    p95_ms_province: number | null;
    raw_group_by_p95_ms_county: number;
    raw_group_by_p95_ms_province: number | null;
  };
  load: {
    scale: string;
    repetitions: number;
    rows: number;
    loader_rows_per_s: Spread;
    loader_seconds: Spread;
    copy_rows_per_s: Spread;
    copy_seconds: Spread;
    copy_with_triggers_rows_per_s: Spread | null;
    copy_with_triggers_seconds: Spread | null;
    ratio_vs_copy: number;
    ratio_vs_copy_with_triggers: number | null;
    province_loader_rows_per_s: number | null;
    /**
     * Where the loader's time went (medians, seconds): generating and copying the rows (generation
     * runs on its own thread, overlapping COPY), building the indexes set aside for the load,
     * checking the references, ANALYZE after the commit.
     */
    loader_phases_s: { load: number; indexes: number; references: number; analyze: number };
    /** Secondary indexes the loader set aside and built again (the tables were empty). */
    indexes_rebuilt: number;
  } | null;
  site_build: {
    ok: boolean;
    seconds: number;
    graphql_requests: number;
    site_logged_requests: number | null;
    pages: number | null;
    error?: string;
  } | null;
  api: {
    rss_mb: number;
    rss_mb_median: number;
    rss_idle_mb: number;
    rss_samples: number;
    /** Peak RSS of the other two servers under their share of the same load, for context. */
    peers_rss_mb: { postgraphile: number; ceiling: number };
    /** The flags the API ran with (as `pnpm start` passes them). */
    node_flags: string[];
    /** The same load on the API started with other V8 heap flags as well (not the shipped setting), one run each. */
    heap_experiments: HeapExperiment[];
  };
  profile: (ProfileSummary & { seconds: number; requests: number; pg_exec_share: number }) | null;
  /** Release cuts at county scale (absent from reports written before it was measured). */
  release_cuts?: ReleaseCutResult | null;
  /** Hostile traffic on /public/graphql (absent from reports written before it was measured). */
  abuse?: AbuseResult | null;
  /** 台账导入 at county scale against COPY of the rows it writes (absent from reports written before it was measured). */
  ledger_import?: ImportResult | null;
  /** A monthly cross-check run at province scale (absent from reports written before it was measured). */
  cross_check?: CrossCheckResult | null;
  /** A county's elder-care facility list at page sizes and under load (absent from reports written before it was measured). */
  elder_care?: ElderCareResult | null;
  goals: Goal[];
}

export interface DatasetInfo {
  scale: string;
  households: number;
  persons: number;
  payments: number;
  rows: number;
  seed_seconds: number | null;
  release_seconds: number | null;
}

export interface AggregateFigures {
  cells: number;
  cells_compared: number;
  cells_equal_to_raw: number;
  api_ms: Latency;
  raw_group_by_ms: Latency;
}
