import { AuditEntry, type EntityManager } from '@xingfu/domain';
import { keysetPage } from '../context/columns.js';

/** The read model of the audit log. */
export function auditEntryPage(
  em: EntityManager,
  filter: {
    region: string;
    entity?: string | null;
    entityId?: string | null;
    actor?: string | null;
    /** Entries at or after this instant. */
    from?: Date | null;
    /** Entries before this instant. */
    until?: Date | null;
  },
  window: { limit: number; afterId: number },
) {
  return keysetPage(
    em,
    AuditEntry,
    {
      regionCode: { $like: `${filter.region}%` },
      ...(filter.entity ? { entity: filter.entity } : {}),
      ...(filter.entityId ? { entityId: filter.entityId } : {}),
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(filter.from || filter.until
        ? { at: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.until ? { $lt: filter.until } : {}) } }
        : {}),
    },
    window,
  );
}
