import { FeedDelivery, feedReport, type Actor, type EntityManager, type FeedKind } from '@xingfu/domain';
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

/** Instant 核对: the feeds' report on an application's members (the domain's statement). */
export function feedReportOf(em: EntityManager, actor: Actor, applicationId: number) {
  return feedReport(em, actor, applicationId);
}
