import { send, sequentialLatency, type Target } from './cannon.js';
import type { RunningServer } from './servers.js';
import { latency, type Latency } from './stats.js';

export const AGGREGATES_QUERY = `query CountyYear($regionCode: String!, $year: Int!) {
  aggregates(regionCode: $regionCode, year: $year, periodKind: MONTH) {
    programCode period households persons personMonths amount suppressed
  }
}`;

interface Cell {
  programCode: string;
  period: string;
  households: number | null;
  persons: number | null;
  personMonths: number | null;
  amount: string | null;
  suppressed?: boolean;
}

export function publicAggregatesTarget(api: RunningServer, countyCode: string, year: number): Target {
  return {
    url: `${api.baseUrl}/public/graphql`,
    headers: {},
    body: JSON.stringify({ query: AGGREGATES_QUERY, variables: { regionCode: countyCode, year } }),
  };
}

export function rawAggregatesTarget(ceiling: RunningServer, countyCode: string, year: number): Target {
  return { url: `${ceiling.baseUrl}/aggregates`, headers: {}, body: JSON.stringify({ variables: { countyCode, year } }) };
}

export interface AggregateResult {
  cells: number;
  /** Published (not suppressed) cells whose figures equal the raw GROUP BY's. */
  cellsEqual: number;
  cellsCompared: number;
  api: Latency;
  raw: Latency;
}

/** p50/p95/p99 of the county-year by program × month, from the API's rollups and from a raw GROUP BY. */
export async function measureAggregates(
  api: RunningServer,
  ceiling: RunningServer,
  countyCode: string,
  year: number,
  plan: { apiRequests: number; rawRequests: number; rawBudgetMs: number },
): Promise<AggregateResult> {
  const apiTarget = publicAggregatesTarget(api, countyCode, year);
  const rawTarget = rawAggregatesTarget(ceiling, countyCode, year);
  const published = await send<{ data?: { aggregates: Cell[] }; errors?: unknown[] }>(apiTarget);
  if (!published.data) throw new Error(`the public aggregates query failed: ${JSON.stringify(published.errors)}`);
  const raw = await send<{ data: { aggregates: Cell[] } }>(rawTarget);
  if (published.data.aggregates.length === 0) throw new Error(`no published aggregates for ${countyCode} ${year}: was a release cut?`);
  const rawByKey = new Map(raw.data.aggregates.map((c) => [`${c.programCode}|${c.period}`, c]));
  const compared = published.data.aggregates.filter((c) => !c.suppressed);
  const equal = compared.filter((c) => {
    const r = rawByKey.get(`${c.programCode}|${c.period}`);
    return r && r.households === c.households && r.persons === c.persons && r.personMonths === c.personMonths && r.amount === c.amount;
  });
  const apiSamples = await sequentialLatency(apiTarget, { warmup: 20, count: plan.apiRequests, budgetMs: 60_000, minimum: 50 });
  const rawSamples = await sequentialLatency(rawTarget, { warmup: 1, count: plan.rawRequests, budgetMs: plan.rawBudgetMs, minimum: 5 });
  return {
    cells: published.data.aggregates.length,
    cellsEqual: equal.length,
    cellsCompared: compared.length,
    api: latency(apiSamples),
    raw: latency(rawSamples),
  };
}
