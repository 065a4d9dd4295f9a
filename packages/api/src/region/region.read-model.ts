/** The read model of regions: children of many regions, regions by code (one statement each). */
import type { EntityManager } from '@xingfu/domain';
import { Region, RegionLevel } from '@xingfu/domain';
import DataLoader from 'dataloader';

/** Children of many regions in one query, ordered by code. */
export function createRegionsByParentLoader(em: EntityManager): DataLoader<string, Region[]> {
  return new DataLoader(async (parentCodes) => {
    const children = await em.find(Region, { parent: { $in: [...parentCodes] } }, { orderBy: { code: 'asc' } });
    const byParent = new Map<string, Region[]>();
    for (const child of children) {
      const key = child.parent?.code ?? '';
      const list = byParent.get(key) ?? [];
      list.push(child);
      byParent.set(key, list);
    }
    return parentCodes.map((code) => byParent.get(code) ?? []);
  });
}

/** Regions by code in one query. */
export function createRegionByCodeLoader(em: EntityManager): DataLoader<string, Region | null> {
  return new DataLoader(async (codes) => {
    const regions = await em.find(Region, { code: { $in: [...codes] } });
    const byCode = new Map(regions.map((region) => [region.code, region]));
    return codes.map((code) => byCode.get(code) ?? null);
  });
}

/** Every county the platform holds, by code. */
export function counties(em: EntityManager): Promise<Region[]> {
  return em.find(Region, { level: RegionLevel.COUNTY }, { orderBy: { code: 'asc' } });
}

/** Whether a region of this code exists (a token's region must). */
export async function regionExists(em: EntityManager, code: string): Promise<boolean> {
  return (await em.findOne(Region, { code })) !== null;
}
