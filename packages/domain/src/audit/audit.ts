import { wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor.js';
import { AuditEntry } from './audit-entry.entity.js';

/** A plain copy of an entity for the audit log (relations as their keys). */
export function snapshot(entity: object | null | undefined): Record<string, unknown> | null {
  if (!entity) return null;
  return JSON.parse(JSON.stringify(wrap(entity).toPOJO())) as Record<string, unknown>;
}

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | number;
  regionCode: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Queues an audit entry in the same unit of work (and so the same transaction) as the change. */
export function audit(em: EntityManager, actor: Actor, record: AuditRecord): void {
  em.persist(
    em.create(AuditEntry, {
      actor: actor.subject,
      actorRole: actor.role,
      actorRegion: actor.regionCode,
      action: record.action,
      entity: record.entity,
      entityId: String(record.entityId),
      regionCode: record.regionCode,
      before: record.before ?? null,
      after: record.after ?? null,
      at: new Date(),
    }),
  );
}
