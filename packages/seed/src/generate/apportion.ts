import { hash32 } from '../random/prng.js';

/**
 * Splits a whole number into parts proportional to weights (largest remainder), so the parts add
 * up exactly. Ties go to parts in an order rotated by `label`, so small quotas do not always land
 * in the first block.
 */
export function apportion(total: number, weights: readonly number[], label = ''): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const rotation = hash32(label) % weights.length;
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x), k: (i - rotation + weights.length) % weights.length }))
    .sort((a, b) => b.r - a.r || a.k - b.k);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left--;
  }
  return parts;
}

/** `count` sizes between 1 and `max` adding up to `total` (total is clamped to what is possible). */
export function partitionSizes(count: number, total: number, max: number, draw: () => number): number[] {
  const sizes = new Array<number>(count).fill(1);
  let extra = Math.min(Math.max(total - count, 0), count * (max - 1));
  let guard = 0;
  while (extra > 0 && guard++ < 1_000_000) {
    const i = Math.floor(draw() * count);
    if (sizes[i]! < max) {
      sizes[i]! += 1;
      extra--;
    }
  }
  return sizes;
}
