import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, PUBLICIZE, REGISTER, SUBMIT, VERIFY, idNumberFor, ok } from '../support/casework.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * One mapping from error code to HTTP status for both endpoints (docs/security.md, "Errors and
 * logs"): every refusal is answered with its code's status, whether GraphQL, Apollo or the domain
 * raised it; an answer with data is 200.
 */
let db: TestDatabase;
let api: TestApi;
let village = '';
const t = { admin: '', clerk: '' };

const codes = (answer: GraphQLResponse) => (answer.errors ?? []).map((e) => e.extensions?.['code']);

const household = (...births: string[]) => ({
  input: {
    villageCode: village,
    areaType: 'RURAL',
    members: births.map((birth, i) => ({
      idNumber: idNumberFor(birth),
      name: i === 0 ? '钱守义' : '吴秀英',
      relation: i === 0 ? 'HEAD' : 'SPOUSE',
    })),
  },
});

async function acceptedApplication(): Promise<string> {
  const h = await ok<{ registerHousehold: { household: { id: string } } }>(api, t.clerk, REGISTER, household('1960-05-05', '1962-06-06'));
  const a = await ok<{ submitApplication: { application: { id: string } } }>(api, t.clerk, SUBMIT, {
    input: { householdId: h.registerHousehold.household.id, programCode: 'dibao_rural', channel: 'TOWN_STATION' },
  });
  const id = a.submitApplication.application.id;
  await ok(api, t.clerk, ACCEPT, { id });
  return id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  village = (
    await db.orm.em.fork().execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 1`)
  )[0]!.code;
  t.admin = await tokenFor('county_admin', '370115');
  t.clerk = await tokenFor('town_clerk', '370115104');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('the status of a refusal is its code’s, on both endpoints', () => {
  it.each(['/graphql', '/public/graphql'] as const)(
    '400 for a malformed Month variable and for a malformed region code (%s)',
    async (endpoint) => {
      const token = t.admin;
      const month =
        endpoint === '/graphql'
          ? await api.query(endpoint, `query ($m: Month) { payments(month: $m) { totalCount } }`, { token, variables: { m: '2021-13' } })
          : await api.query(
              endpoint,
              `query ($m: Month!) { happinessList(villageCode: "${village}", month: $m) { pageInfo { hasNextPage } } }`,
              {
                variables: { m: '2021-13' },
              },
            );
      expect(month.status).toBe(400);
      expect(['BAD_USER_INPUT', 'INVALID_MONTH']).toContain(codes(month)[0]);
      // a domain refusal: HTTP 200 before the status table
      const region = await api.query(endpoint, `{ region(code: "12345") { name } }`, { token });
      expect(codes(region)).toEqual(['INVALID_REGION_CODE']);
      expect(region.status).toBe(400);
    },
  );

  it('401 without a token, on the internal endpoint', async () => {
    const answer = await api.query('/graphql', `{ me { role } }`);
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
    expect(answer.status).toBe(401);
  });

  it('400 for a bad ID number, 404 for a missing record, 403 for a step of another role', async () => {
    const badId = household('1970-01-01');
    badId.input.members[0]!.idNumber = '110101199003074510';
    const refusedId = await api.query('/graphql', REGISTER, { token: t.clerk, variables: badId });
    expect([codes(refusedId), refusedId.status]).toEqual([['INVALID_ID_NUMBER'], 400]);

    const missing = await api.query('/graphql', `{ household(id: "2000000000") { id } }`, { token: t.clerk });
    expect([codes(missing), missing.status]).toEqual([['NOT_FOUND'], 404]);

    const id = await acceptedApplication();
    const approve = await api.query(
      '/graphql',
      `mutation ($id: ID!) { approveApplication(input: { applicationId: $id }) { application { id } } }`,
      {
        token: t.clerk,
        variables: { id },
      },
    );
    expect([codes(approve), approve.status]).toEqual([['FORBIDDEN'], 403]);
  });

  it('409 when the state of a record stands in the way, 422 when a rule refuses the content', async () => {
    const registered = household('1971-04-04');
    await ok(api, t.clerk, REGISTER, registered);
    const duplicate = await api.query('/graphql', REGISTER, { token: t.clerk, variables: registered });
    expect([codes(duplicate), duplicate.status]).toEqual([['DUPLICATE_ID_NUMBER'], 409]);

    const id = await acceptedApplication();
    const early = await api.query('/graphql', PUBLICIZE, { token: t.clerk, variables: { id } });
    expect([codes(early), early.status]).toEqual([['TRANSITION_NOT_ALLOWED'], 409]);

    const stranger = await api.query('/graphql', VERIFY, {
      token: t.clerk,
      variables: { input: { applicationId: id, incomes: [{ kind: 'wage', monthly: '100.00', personId: '2000000000' }] } },
    });
    expect([codes(stranger), stranger.status]).toEqual([['NOT_A_MEMBER'], 422]);
  });

  it('an answer with data is 200, errors beside it; an answer whose every field is null has its errors’ status', async () => {
    const partial = await api.query<{ ok: { name: string } | null; bad: unknown }>(
      '/public/graphql',
      `{ ok: region(code: "370115") { name } bad: region(code: "12345") { name } }`,
    );
    expect(partial.data?.ok?.name).toBe('济阳区');
    expect(codes(partial)).toEqual(['INVALID_REGION_CODE']);
    expect(partial.status).toBe(200);

    const nothing = await api.query('/public/graphql', `{ a: region(code: "12345") { name } b: region(code: "1234567") { name } }`);
    expect(nothing.data).toEqual({ a: null, b: null });
    expect(nothing.status).toBe(400);
  });
});

describe('what a refusal carries', () => {
  it('a detail never replaces the code: the region code of INVALID_REGION_CODE is regionCode', async () => {
    const answer = await api.query('/graphql', `{ region(code: "12345") { name } }`, { token: t.admin });
    expect(answer.errors?.[0]?.extensions).toEqual({
      code: 'INVALID_REGION_CODE',
      regionCode: '12345',
      messageZh: '行政区划代码格式不对：应为 2、4、6、9 或 12 位数字。',
    });
  });

  it('an input validation refusal names paths and rules, never the values sent', async () => {
    const input = household('1966-06-06', '1968-08-08');
    const idNumbers = input.input.members.map((m) => m.idNumber);
    input.input.members[1]!.name = '欧阳'.repeat(21);
    const answer = await api.query('/graphql', REGISTER, { token: t.clerk, variables: input });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    const text = JSON.stringify(answer.errors);
    expect(text).toContain('members[1].name');
    for (const secret of [...idNumbers, '钱守义', '欧阳欧阳']) expect(text).not.toContain(secret);
  });
});
