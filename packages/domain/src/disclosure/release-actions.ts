import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, type Actor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { DomainError } from '../errors/domain-error.js';
import { cutRelease, type ReleaseSummary } from './release.service.js';

/**
 * A county administrator publishes its county: a release in which only the county's figures are
 * recomputed (what changed since its last release), every other county carried as it was. An
 * identical request while nothing changed — a double click, a retry — is refused with
 * NOTHING_TO_RELEASE, so parallel identical requests leave one release. Audited.
 */
export async function cutCountyRelease(em: EntityManager, actor: Actor, input: { note: string }): Promise<ReleaseSummary> {
  assertCan(actor, 'cutRelease');
  if (!/^\d{6}$/.test(actor.regionCode)) {
    throw new DomainError('INVALID_REGION_LEVEL', 'A release is cut for one county: this account is not bound to a county.', {
      regionCode: actor.regionCode,
    });
  }
  const summary = await cutRelease(em, { createdBy: actor.subject, note: input.note, countyCode: actor.regionCode, onlyIfChanged: true });
  audit(em, actor, {
    action: 'cutRelease',
    entity: 'disclosure_release',
    entityId: summary.id,
    regionCode: actor.regionCode,
    after: { ...summary, counties: summary.counties.filter((c) => c.countyCode === actor.regionCode) },
  });
  await em.flush();
  return summary;
}
