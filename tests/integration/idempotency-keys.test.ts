import { registerHousehold, type EntityManager } from '@xingfu/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, idNumberFor } from '../support/casework.js';
import { caseSteps } from '../support/case-steps.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A retried mutation with the same Idempotency-Key gets the first answer and changes nothing. */
let db: TestDatabase;
let api: TestApi;
let admin = '';
let otherAdmin = '';
let village = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

let births = 0;
/** A 临时救助 case ready for approval. */
async function reliefCase(): Promise<{ applicationId: string; householdId: number }> {
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: [{ idNumber: idNumberFor(`1966-0${1 + (births++ % 9)}-21`), name: '冯志远', relation: 'head' }],
    }),
  );
  const applicationId = await caseSteps(db.orm).publicized({
    householdId: household.id,
    programCode: 'temporary_relief',
    requestedAmountFen: 80000,
  });
  return { applicationId: String(applicationId), householdId: household.id };
}

const approve = (applicationId: string, key: string, token = admin, amount = '800.00') =>
  api.query('/graphql', APPROVE, { token, variables: { input: { applicationId, amount } }, headers: { 'idempotency-key': key } });
const payments = async (householdId: number) =>
  (await rows<{ n: number }>(`select count(*)::int as n from payment where household_id = ?`, [householdId]))[0]!.n;
const audits = async () => (await rows<{ n: number }>(`select count(*)::int as n from audit_entry`))[0]!.n;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  otherAdmin = await tokenFor('county_admin', '370115', 'another-admin@370115');
  village = (await rows<{ code: string }>(`select code from region where parent_code = '370115104' order by code limit 1`))[0]!.code;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('idempotency keys', () => {
  it('answers a retry with the first answer, marked replayed, and changes nothing', async () => {
    const { applicationId, householdId } = await reliefCase();
    const key = randomUUID();
    const first = await approve(applicationId, key);
    expect(first.errors).toBeUndefined();
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const [paymentsAfterFirst, auditsAfterFirst] = [await payments(householdId), await audits()];
    const retry = await approve(applicationId, key);
    expect(retry.status).toBe(first.status);
    expect(retry.data).toEqual(first.data);
    expect(retry.errors).toBeUndefined();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await payments(householdId)).toBe(paymentsAfterFirst);
    expect(await audits()).toBe(auditsAfterFirst);
  });

  it('pays once and gives every finished retry the first answer when 20 retries race', async () => {
    const { applicationId, householdId } = await reliefCase();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => approve(applicationId, key)));
    const paid = answers.filter((a) => !a.errors);
    const inUse = answers.filter((a) => a.errors?.[0]?.extensions?.['code'] === 'IDEMPOTENCY_KEY_IN_USE');
    expect(paid.length + inUse.length).toBe(20);
    expect(paid.length).toBeGreaterThanOrEqual(1);
    for (const answer of paid) expect(answer.data).toEqual(paid[0]!.data);
    for (const answer of inUse) {
      expect(answer.status).toBe(409);
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    expect(await payments(householdId)).toBe(1);
    expect((await approve(applicationId, key)).data).toEqual(paid[0]!.data);
  });

  it('replays a refusal too, and refuses the key for other variables', async () => {
    const { applicationId } = await reliefCase();
    await approve(applicationId, randomUUID());
    const key = randomUUID();
    const refusal = await approve(applicationId, key);
    expect(refusal.errors?.[0]?.extensions?.['code']).toBe('TRANSITION_NOT_ALLOWED');
    const again = await approve(applicationId, key);
    expect(again.errors).toEqual(refusal.errors);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await approve(applicationId, key, admin, '900.00');
    expect(other.status).toBe(422);
    expect(other.errors?.[0]?.extensions?.['code']).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps each staff member’s keys apart and refuses a malformed key', async () => {
    const first = await reliefCase();
    const second = await reliefCase();
    const key = randomUUID();
    expect((await approve(first.applicationId, key)).errors).toBeUndefined();
    expect((await approve(second.applicationId, key, otherAdmin)).errors).toBeUndefined();
    expect(await payments(second.householdId)).toBe(1);
    const malformed = await approve(second.applicationId, 'x'.repeat(256));
    expect(malformed.status).toBe(400);
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('INVALID_IDEMPOTENCY_KEY');
  });
});
