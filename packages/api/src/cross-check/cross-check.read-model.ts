import { CrossCheckHit, CrossCheckRun, type CrossCheckStatus, type EntityManager } from '@xingfu/domain';
import { keysetPage } from '../context/columns.js';

/** The read model of cross-checks: a page of hits in a region, a hit by key, a county's runs. */
export function crossCheckHitPage(
  em: EntityManager,
  region: string,
  filters: { status?: CrossCheckStatus | null; ruleCode?: string | null },
  window: { limit: number; afterId: number },
) {
  return keysetPage(
    em,
    CrossCheckHit,
    {
      villageCode: { $like: `${region}%` },
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.ruleCode ? { ruleCode: filters.ruleCode } : {}),
    },
    window,
  );
}

export function crossCheckRunPage(em: EntityManager, countyCode: string, window: { limit: number; afterId: number }) {
  return keysetPage(em, CrossCheckRun, { county: countyCode }, window);
}
