import { FeedDelivery, type EntityManager, type FeedKind } from '@xingfu/domain';
import { keysetPage } from '../context/columns.js';

/** The read model of feeds: a page of a county's deliveries (of one feed, or all). */
export function feedDeliveryPage(
  em: EntityManager,
  countyCode: string,
  kind: FeedKind | null | undefined,
  window: { limit: number; afterId: number },
) {
  return keysetPage(em, FeedDelivery, { county: countyCode, ...(kind ? { kind } : {}) }, window);
}
