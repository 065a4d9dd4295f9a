import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sequentialLatency, type Target } from './cannon.js';
import type { RunningServer } from './servers.js';
import { latency, type Latency } from './stats.js';

/**
 * Measurement 6, hostile traffic on /public/graphql (issue 15): how fast the amplification request
 * is refused, and what 8 abusive clients do to a cheap query's latency.
 */

const AGG = 'regionCode programCode period suppressed households persons personMonths amount';

/** Issue 15's amplification: 40 aliases of every village's figures by month. */
export function amplificationQuery(countyCode: string, year: number): string {
  return `{ ${Array.from(
    { length: 40 },
    (_, i) => `a${i}: countyAggregates(countyCode: "${countyCode}", year: ${year}, level: VILLAGE, periodKind: MONTH) { ${AGG} }`,
  ).join('\n')} }`;
}

/** The abusive requests, in turn: aliases (by cost), 20,000 aliases (440 KB, by tokens), too deep, a fragment cycle. */
export function abusiveBodies(countyCode: string, year: number): { kind: string; body: string }[] {
  const body = (query: string) => JSON.stringify({ query });
  return [
    { kind: 'aliases: 40 × countyAggregates(VILLAGE, MONTH)', body: body(amplificationQuery(countyCode, year)) },
    {
      kind: 'big: 20,000 aliases of a cheap field (≈440 KB)',
      body: body(`{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: releases { id }`).join(' ')} }`),
    },
    {
      kind: 'deep: 30 levels of parent',
      body: body(`{ region(code: "${countyCode}") { ${'parent { '.repeat(30)}code${' }'.repeat(30)} } }`),
    },
    {
      kind: 'deep: a fragment cycle',
      body: body(`{ region(code: "${countyCode}") { ...A } } fragment A on Region { code ...B } fragment B on Region { name ...A }`),
    },
  ];
}

export const CHEAP_QUERY = `query Cheap($c: String!) { region(code: $c) { code name } release { id asOf } }`;

export interface AbuseScenario {
  label: string;
  cheap: Latency;
  /** Answers the abusive clients got, by HTTP status. */
  abusive_statuses: Record<string, number>;
  abusive_errors: number;
  abusive_per_s: number;
}

export interface AbuseResult {
  refusal: Latency & { status: number; code: string };
  cheap_alone: Latency;
  under_abuse: AbuseScenario[];
  clients: number;
  kinds: string[];
  seconds: number;
}

async function refusalOf(target: Target): Promise<{ status: number; code: string }> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: target.body });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? '' };
}

/** Response times of `count` requests one at a time after `warmup` (any status: refusals are what is timed). */
async function timedPosts(target: Target, warmup: number, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const t0 = performance.now();
    const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: target.body });
    await response.arrayBuffer();
    if (i >= warmup) samples.push(performance.now() - t0);
  }
  return samples;
}

/** Sequential latency of the cheap query for `seconds` (after a warm-up). */
async function cheapFor(target: Target, seconds: number): Promise<number[]> {
  return sequentialLatency(target, { warmup: 10, count: Number.MAX_SAFE_INTEGER, budgetMs: seconds * 1000, minimum: 50 });
}

/** The abusive clients on a worker thread, one loopback address each, until `stop()`. */
function abuse(url: string, bodies: string[], clients: number) {
  const addresses = Array.from({ length: clients }, (_, i) => `127.0.0.${i + 2}`);
  const worker = new Worker(fileURLToPath(new URL('./abuse-worker.js', import.meta.url)), { workerData: { url, bodies, addresses } });
  const done = new Promise<{ statuses: Record<string, number>; errors: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const started = performance.now();
  return {
    async stop() {
      worker.postMessage('stop');
      const result = await done;
      await worker.terminate();
      return { ...result, seconds: (performance.now() - started) / 1000 };
    },
  };
}

/**
 * On `server` (its cheap client, 127.0.0.1, exempt from the rate limit): the refusal time of the
 * amplification, the cheap query alone, then the cheap query while `clients` abusive clients send
 * their requests. `scenarios` restarts the server with other settings for each abusive run.
 */
export async function measureAbuse(options: {
  countyCode: string;
  year: number;
  refusalRequests: number;
  seconds: number;
  clients: number;
  /** Each abusive run: a label and the server to run it on (started by the caller, stopped after). */
  scenarios: { label: string; start: () => Promise<RunningServer> }[];
  log: (line: string) => void;
}): Promise<AbuseResult> {
  const { countyCode, year, seconds, clients, log } = options;
  const kinds = abusiveBodies(countyCode, year);
  const result: AbuseResult = {
    refusal: { p50: 0, p95: 0, p99: 0, n: 0, status: 0, code: '' },
    cheap_alone: { p50: 0, p95: 0, p99: 0, n: 0 },
    under_abuse: [],
    clients,
    kinds: kinds.map((k) => k.kind),
    seconds,
  };
  for (const [index, scenario] of options.scenarios.entries()) {
    const server = await scenario.start();
    try {
      const url = `${server.baseUrl}/public/graphql`;
      const cheap: Target = { url, headers: {}, body: JSON.stringify({ query: CHEAP_QUERY, variables: { c: countyCode } }) };
      if (index === 0) {
        const amplification: Target = { url, headers: {}, body: kinds[0]!.body };
        result.refusal = { ...result.refusal, ...(await refusalOf(amplification)) };
        if (result.refusal.status < 400) throw new Error(`the amplification request was answered ${result.refusal.status}, not refused`);
        const samples = await timedPosts(amplification, 20, options.refusalRequests);
        result.refusal = { ...result.refusal, ...latency(samples) };
        log(
          `  amplification refused ${result.refusal.status} ${result.refusal.code}: p50 ${result.refusal.p50.toFixed(1)} ms, p95 ${result.refusal.p95.toFixed(1)} ms`,
        );
        result.cheap_alone = latency(await cheapFor(cheap, seconds));
        log(
          `  cheap query alone: p50 ${result.cheap_alone.p50.toFixed(1)} ms, p95 ${result.cheap_alone.p95.toFixed(1)} ms (n=${result.cheap_alone.n})`,
        );
      }
      const abusers = abuse(
        url,
        kinds.map((k) => k.body),
        clients,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const samples = await cheapFor(cheap, seconds);
      const stopped = await abusers.stop();
      const total = Object.values(stopped.statuses).reduce((n, c) => n + c, 0);
      const scenarioResult: AbuseScenario = {
        label: scenario.label,
        cheap: latency(samples),
        abusive_statuses: stopped.statuses,
        abusive_errors: stopped.errors,
        abusive_per_s: total / stopped.seconds,
      };
      result.under_abuse.push(scenarioResult);
      log(
        `  cheap query with ${clients} abusive clients (${scenario.label}): p50 ${scenarioResult.cheap.p50.toFixed(1)} ms, p95 ${scenarioResult.cheap.p95.toFixed(1)} ms; abusive answers ${JSON.stringify(stopped.statuses)} (${scenarioResult.abusive_per_s.toFixed(0)}/s)`,
      );
    } finally {
      await server.child.stop();
    }
  }
  return result;
}
