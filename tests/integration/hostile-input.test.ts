import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, idNumberFor } from '../support/casework.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Bad input gets a specific typed refusal before anything runs, never an internal error. */
let db: TestDatabase;
let api: TestApi;
let admin = '';
let village = '';

const code = (answer: GraphQLResponse) => answer.errors?.[0]?.extensions?.['code'];
const persons = async () => (await db.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from person'))[0]!.n;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  village = (
    await db.orm.em.fork().execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 1`)
  )[0]!.code;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('operation types an endpoint does not have', () => {
  it('refuses a mutation sent to the public endpoint', async () => {
    const answer = await api.query('/public/graphql', `mutation { registerHousehold(input: {}) { household { id } } }`);
    expect(code(answer)).toBe('OPERATION_NOT_SUPPORTED');
  });

  it('refuses a subscription sent to the internal endpoint', async () => {
    const answer = await api.query('/graphql', `subscription { households { totalCount } }`, { token: admin });
    expect(code(answer)).toBe('OPERATION_NOT_SUPPORTED');
  });
});

describe('strings', () => {
  const member = (name: string) => ({
    input: { villageCode: village, areaType: 'RURAL', members: [{ idNumber: idNumberFor('1977-07-07'), name, relation: 'HEAD' }] },
  });

  it('refuses a member name longer than 40 characters, writing nothing', async () => {
    const before = await persons();
    const answer = await api.query('/graphql', REGISTER, { token: admin, variables: member('张'.repeat(41)) });
    expect(code(answer)).toBe('BAD_USER_INPUT');
    expect(await persons()).toBe(before);
  });

  it.each([
    ['a member name', { ...member('王\u0000五') }],
    ['an address', { input: { ...member('王五').input, address: '某村\u00001号' } }],
  ])('refuses a NUL byte in %s (variables)', async (_what, variables) => {
    const before = await persons();
    const answer = await api.query('/graphql', REGISTER, { token: admin, variables });
    expect(code(answer)).toBe('INVALID_CHARACTERS');
    expect(await persons()).toBe(before);
  });

  it('refuses a NUL byte in a literal, on either endpoint', async () => {
    const internal = await api.query('/graphql', `{ personByIdNumber(idNumber: "37011519\\u00000101001X") { id } }`, { token: admin });
    expect(code(internal)).toBe('INVALID_CHARACTERS');
    const pub = await api.query('/public/graphql', `{ region(code: "3701\\u000015") { name } }`);
    expect(code(pub)).toBe('INVALID_CHARACTERS');
  });

  it('refuses a string longer than 10,000 characters', async () => {
    const answer = await api.query('/graphql', `query ($n: String!) { personByIdNumber(idNumber: $n) { id } }`, {
      token: admin,
      variables: { n: 'x'.repeat(10_001) },
    });
    expect(code(answer)).toBe('STRING_TOO_LONG');
  });
});

describe('ids, cursors, months and money', () => {
  it.each(['abc', '1e20', '-1', '0', '99999999999', '1.5'])('refuses the id “%s” with INVALID_ID', async (id) => {
    const answer = await api.query('/graphql', `query ($id: ID!) { household(id: $id) { id } }`, { token: admin, variables: { id } });
    expect(code(answer)).toBe('INVALID_ID');
  });

  it.each([Buffer.from('id:100000000000000000000').toString('base64url'), Buffer.from('id:1e20').toString('base64url'), '%%%'])(
    'refuses the cursor %s with INVALID_CURSOR',
    async (after) => {
      const answer = await api.query('/graphql', `query ($a: String) { households(after: $a) { totalCount } }`, {
        token: admin,
        variables: { a: after },
      });
      expect(code(answer)).toBe('INVALID_CURSOR');
    },
  );

  it('refuses a malformed month with INVALID_MONTH and malformed money with INVALID_AMOUNT', async () => {
    const month = await api.query('/graphql', `query ($m: Month) { payrollBatches(countyCode: "370115", month: $m) { id } }`, {
      token: admin,
      variables: { m: '2021-13' },
    });
    expect(code(month)).toBe('INVALID_MONTH');
    const money = await api.query('/graphql', `mutation ($input: CorrectionInput!) { recordBackPay(input: $input) { payment { id } } }`, {
      token: admin,
      variables: { input: { enrollmentId: '1', month: '2026-01', amount: '1.234', note: '补发' } },
    });
    expect(code(money)).toBe('INVALID_AMOUNT');
  });
});
