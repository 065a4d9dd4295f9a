import type { EntityManager } from '@xingfu/domain';
import type { Region } from '@xingfu/domain';
import type DataLoader from 'dataloader';
import { createRegionByCodeLoader, createRegionsByParentLoader } from '../region/regions-by-parent.loader.js';

/** Per-request loaders: one batched query per relation and level of a response. */
export interface Loaders {
  regionByCode: DataLoader<string, Region | null>;
  regionsByParent: DataLoader<string, Region[]>;
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    regionByCode: createRegionByCodeLoader(em),
    regionsByParent: createRegionsByParentLoader(em),
  };
}
