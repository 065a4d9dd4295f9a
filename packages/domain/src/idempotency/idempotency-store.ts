import type { EntityManager } from '@mikro-orm/postgresql';

/** How long a key and its first answer are kept. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
/** A key whose first request has not answered within this time (its process died) may be taken over. */
export const ABANDONED_AFTER_SECONDS = 300;

/** What the store says of a keyed request (docs/casework.md, "Idempotency keys"). */
export type IdempotencyClaim =
  { kind: 'claimed' } | { kind: 'replay'; httpStatus: number; response: object } | { kind: 'in_use' } | { kind: 'reused' };

/**
 * Claims `key` of `subject` for a request with `fingerprint`: the first request claims it; a later
 * one with the same fingerprint gets the stored answer (or `in_use` while the first still runs, or
 * the claim when the first was abandoned); another fingerprint is `reused`. Expired keys go first.
 */
export async function claimIdempotencyKey(em: EntityManager, subject: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
  await em.execute(`delete from idempotency_key where created_at < now() - interval '${IDEMPOTENCY_KEY_TTL_HOURS} hours'`);
  const inserted = await em.execute<{ key: string }[]>(
    `insert into idempotency_key (subject, key, fingerprint) values (?, ?, ?) on conflict do nothing returning key`,
    [subject, key, fingerprint],
  );
  if (inserted.length > 0) return { kind: 'claimed' };
  const [first] = await em.execute<{ fingerprint: string; http_status: number | null; response: object | null; abandoned: boolean }[]>(
    `select fingerprint, http_status, response, created_at < now() - interval '${ABANDONED_AFTER_SECONDS} seconds' as abandoned
     from idempotency_key where subject = ? and key = ?`,
    [subject, key],
  );
  if (!first) return { kind: 'in_use' };
  if (first.fingerprint !== fingerprint) return { kind: 'reused' };
  if (first.response) return { kind: 'replay', httpStatus: first.http_status ?? 200, response: first.response };
  if (first.abandoned) {
    const taken = await em.execute<{ key: string }[]>(
      `update idempotency_key set created_at = now() where subject = ? and key = ? and response is null
         and created_at < now() - interval '${ABANDONED_AFTER_SECONDS} seconds' returning key`,
      [subject, key],
    );
    if (taken.length > 0) return { kind: 'claimed' };
  }
  return { kind: 'in_use' };
}

/** Stores the first answer of a claimed key. */
export async function completeIdempotencyKey(
  em: EntityManager,
  subject: string,
  key: string,
  httpStatus: number,
  response: object,
): Promise<void> {
  await em.execute(`update idempotency_key set response = ?::jsonb, http_status = ?, completed_at = now() where subject = ? and key = ?`, [
    JSON.stringify(response),
    httpStatus,
    subject,
    key,
  ]);
}

/** Gives a claimed key up (its request failed unexpectedly): the retry runs again. */
export async function releaseIdempotencyKey(em: EntityManager, subject: string, key: string): Promise<void> {
  await em.execute('delete from idempotency_key where subject = ? and key = ?', [subject, key]);
}
