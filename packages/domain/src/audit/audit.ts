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

/** What an audited change records besides the entity's snapshots. */
export interface AuditedWhat {
  action: string;
  entity: string;
  regionCode: string;
}

/**
 * The one way a service changes a loaded entity under audit: a snapshot before, the change, an
 * audit entry with both snapshots (`extra` adds to `after`), one flush — in the caller's
 * transaction, so the entry and the change commit together or not at all.
 */
export async function auditedChange<T extends { id: number | string }>(
  em: EntityManager,
  actor: Actor,
  what: AuditedWhat,
  target: T,
  change: (target: T) => void | Promise<void>,
  extra: Record<string, unknown> = {},
): Promise<T> {
  const before = snapshot(target);
  await change(target);
  audit(em, actor, { ...what, entityId: target.id, before, after: { ...snapshot(target), ...extra } });
  await em.flush();
  return target;
}

/**
 * The one way a service creates an entity under audit: it is created (with whatever belongs to it,
 * which `create` may flush and write first) and flushed, then the audit entry records it as it
 * stands (`extra` adds to `after`) and is flushed.
 */
export async function auditedCreate<T extends { id: number | string }>(
  em: EntityManager,
  actor: Actor,
  what: AuditedWhat,
  create: () => T | Promise<T>,
  extra: Record<string, unknown> = {},
): Promise<T> {
  const created = await create();
  await em.flush();
  audit(em, actor, { ...what, entityId: created.id, after: { ...snapshot(created), ...extra } });
  await em.flush();
  return created;
}

/**
 * The one way a service deletes under audit: the audit entry keeps the entity as it was, then
 * `remove` deletes it (and what hangs on it), one flush.
 */
export async function auditedRemove<T extends { id: number | string }>(
  em: EntityManager,
  actor: Actor,
  what: AuditedWhat,
  target: T,
  remove: (target: T) => void | Promise<void>,
): Promise<void> {
  const before = snapshot(target);
  const entityId = target.id;
  await remove(target);
  audit(em, actor, { ...what, entityId, before });
  await em.flush();
}
