import { outreachCandidates, type Actor, type EntityManager, type OutreachKind } from '@xingfu/domain';

/** The read model of 政策找人: a page of a region's candidates of one kind (the domain's query). */
export function outreachCandidatePage(
  em: EntityManager,
  actor: Actor,
  region: string,
  kind: OutreachKind,
  window: { limit: number; afterId: number },
) {
  return outreachCandidates(em, actor, { regionCode: region, kind, afterPersonId: window.afterId, limit: window.limit });
}
