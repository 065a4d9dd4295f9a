/**
 * Node flags the API process runs with: `pnpm start` and `pnpm xingfu` pass them (root
 * package.json; a unit test keeps the two in step) and the benchmark starts the API with them.
 *
 * --max-semi-space-size=16 caps V8's young generation at 2 × 16 MB. By default V8 grows it to
 * 2 × 64 MB on a machine with this much memory; under the nested-read load that is ~90 MB of RSS
 * for no measurable throughput (docs/benchmarks.md, "Memory").
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=16'] as const;
