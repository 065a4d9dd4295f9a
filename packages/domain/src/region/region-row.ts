import type { RegionLevel } from './region-level.js';

/** A region as stored in the shipped extract and as imported. */
export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}
