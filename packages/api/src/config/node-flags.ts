/**
 * Node flags the API process runs with: `pnpm start` and `pnpm xingfu` pass them (root
 * package.json; a unit test keeps the two in step) and the benchmark starts the API with them.
 *
 * --max-semi-space-size=16 caps V8's young generation at 2 × 16 MB. By default V8 grows it to
 * 2 × 64 MB on a machine with this much memory; under the nested-read load that is ~90 MB of RSS
 * for no measurable throughput.
 *
 * --heap-growing-percent=125 lets the old generation grow to 2.25 × what survived the last full
 * collection before the next one. V8 otherwise chooses up to 4 × on a machine with this much
 * memory: with ~50 MB live (mostly code and module sources), ~100 MB of RSS of garbage waiting
 * for a collection. Measured under the nested-read load: ~285 MB peak against ~390 MB, for about
 * 2 % of requests/s and a few ms of p95 (docs/benchmarks.md, "Memory").
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=125'] as const;
