import autocannon from 'autocannon';

/** One HTTP request the load generator repeats: the same body on every connection. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface CannonRun {
  requestsPerSecond: number;
  /** Every response time of the run, ms. */
  latencies: number[];
  requests: number;
  seconds: number;
}

/**
 * autocannon at a fixed concurrency for a duration. Every response must be 2xx without
 * connection errors, or the run fails: a fast error is not a result.
 */
export function cannon(target: Target, options: { connections: number; seconds: number }): Promise<CannonRun> {
  const latencies: number[] = [];
  let failed = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: target.body,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: 120,
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        if (result.errors > 0 || result.non2xx > 0 || failed > 0) {
          return reject(new Error(`${target.url}: ${result.non2xx} non-2xx responses and ${result.errors} errors under load`));
        }
        const seconds = result.duration;
        resolve({ requestsPerSecond: latencies.length / seconds, latencies, requests: latencies.length, seconds });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else failed++;
    });
  });
}

/** Sends the request once and returns the parsed JSON (checking the status). */
export async function send<T = unknown>(target: Target): Promise<T> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target.url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * Latency of one request after another (concurrency 1): `warmup` requests discarded, then up to
 * `count` timed, stopping early after `budgetMs` (at least `minimum` are always timed).
 */
export async function sequentialLatency(
  target: Target,
  options: { warmup: number; count: number; budgetMs: number; minimum: number },
): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await send(target);
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < options.count) {
    const t0 = performance.now();
    await send(target);
    samples.push(performance.now() - t0);
    if (samples.length >= options.minimum && performance.now() - started > options.budgetMs) break;
  }
  return samples;
}
