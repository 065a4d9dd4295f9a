import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';
import {
  acceptApplication,
  addDays,
  approveApplication,
  generatePayroll,
  investigateApplication,
  publicizeApplication,
  recordCorrection,
  registerHousehold,
  setStandard,
  submitApplication,
  today,
  verifyApplication,
  type Actor,
} from '@xingfu/domain';
import { PreparedReads, buildInternalSchema, createLogger, createRequestContext } from '@xingfu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * DataLoader batches every relation: a page of households → members → person, enrollments →
 * program → payments costs the same number of SQL statements whatever the page size. The
 * internal endpoint executes operations compiled (graphql-jit): its answers are graphql-js's.
 */
let db: TestDatabase;
let api: TestApi;
let token: string;
let statements: string[] = [];
const HOUSEHOLDS = 12;

const NESTED_PAGE = `query ($first: Int!) {
  households(regionCode: "370115104", first: $first) {
    totalCount
    edges { node {
      publicId village { name }
      members { relation person { name idNumber } }
      enrollments { status program { name } payments { month amount kind } }
    } }
  }
}`;

beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (message) => statements.push(message) });
  api = await startTestApi(db.orm);
  token = await tokenFor('county_admin', '370115');
  const admin: Actor = { subject: 'setup', role: 'county_admin', regionCode: '370115' };
  const villages = await db.orm.em
    .fork()
    .execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 4`);
  const run = <T>(work: Parameters<typeof db.orm.em.transactional<T>>[0]) => db.orm.em.fork().transactional(work);
  await run((em) =>
    setStandard(em, admin, {
      programCode: 'dibao_rural',
      countyCode: '370115',
      areaType: 'rural',
      effectiveMonth: '2025-01',
      amountFen: 70000,
    }),
  );
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const household = await run((em) =>
      registerHousehold(em, admin, {
        villageCode: villages[i % villages.length]!.code,
        areaType: 'rural',
        members: [
          { idNumber: idNumberFor('1955-03-03'), name: '刘德福', relation: 'head' },
          { idNumber: idNumberFor('1957-06-06'), name: '陈秀兰', relation: 'spouse' },
        ],
      }),
    );
    const application = await run((em) =>
      submitApplication(em, admin, { householdId: household.id, programCode: 'dibao_rural', channel: 'county_centre' }),
    );
    await run((em) => acceptApplication(em, admin, application.id));
    await run((em) =>
      verifyApplication(em, admin, { applicationId: application.id, incomes: [{ kind: 'pension', monthlyFen: 10000 * (i + 1) }] }),
    );
    await run((em) => investigateApplication(em, admin, application.id, '入户核实'));
    await run((em) => publicizeApplication(em, admin, application.id, addDays(today(), -8)));
    await run((em) => approveApplication(em, admin, { applicationId: application.id, startMonth: '2026-01' }));
  }
  for (const month of ['2026-01', '2026-02', '2026-03']) {
    await run((em) => generatePayroll(em, admin, { countyCode: '370115', programCode: 'dibao_rural', month }));
  }
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function statementsFor(first: number) {
  statements = [];
  const data = await ok<{ households: { edges: { node: { members: unknown[]; enrollments: { payments: unknown[] }[] } }[] } }>(
    api,
    token,
    NESTED_PAGE,
    { first },
  );
  return { count: statements.length, data };
}

describe('a nested page of households', () => {
  it('costs the same number of SQL statements for 2 households as for 10', async () => {
    await statementsFor(1); // the token is verified once (its region looked up), then remembered
    const small = await statementsFor(2);
    const large = await statementsFor(10);
    expect(small.data.households.edges).toHaveLength(2);
    expect(large.data.households.edges).toHaveLength(10);
    expect(large.data.households.edges.every((e) => e.node.members.length === 2 && e.node.enrollments[0]!.payments.length === 3)).toBe(
      true,
    );
    expect(large.count, statements.join('\n')).toBe(small.count);
    expect(small.count).toBeGreaterThan(5);
    expect(small.count).toBeLessThanOrEqual(12);
  });
});

// graphql as the API loads it (CommonJS): the ESM build is another instance, whose execute refuses the schema
const { execute, parse } = createRequire(import.meta.url)('graphql') as typeof GraphQL;

/** Operations of the internal schema, each answered over HTTP and by graphql-js directly. */
const OPERATIONS: [string, string, Record<string, unknown>][] = [
  ['a nested page', NESTED_PAGE, { first: 10 }],
  [
    'fragments, aliases, __typename and directives',
    `query ($first: Int!, $withPayments: Boolean!, $noMembers: Boolean!) {
      page: households(regionCode: "370115", first: $first) {
        pageInfo { hasNextPage endCursor }
        edges { cursor node { ...Household } }
      }
    }
    fragment Household on Household {
      __typename id publicId areaType
      members @skip(if: $noMembers) { relation since: startDate person { __typename name sex birthDate } }
      enrollments { ...Enrollment }
    }
    fragment Enrollment on Enrollment {
      status tier coveredMembers perCapitaIncome fixedAmount startMonth endMonth
      program { code name }
      payments @include(if: $withPayments) { id month amount standard kind note }
    }`,
    { first: 4, withPayments: true, noMembers: false },
  ],
  [
    'skipped and excluded lists',
    `query ($first: Int!) { households(regionCode: "370115104", first: $first) { edges { node { publicId members @include(if: false) { relation } enrollments @skip(if: true) { status } } } } }`,
    { first: 3 },
  ],
  [
    'a refusal in one field beside an answer',
    `{ bad: region(code: "37011") { name } good: region(code: "370115") { name children { code } } }`,
    {},
  ],
  ['a variable of the wrong type', NESTED_PAGE, { first: 'ten' }],
];

describe('compiled execution of internal operations', () => {
  it.each(OPERATIONS)('answers %s exactly as graphql-js does', async (_name, query, variables) => {
    const schema = await buildInternalSchema();
    const em = db.orm.em.fork();
    const actor: Actor = { subject: 'county', role: 'county_admin', regionCode: '370115' };
    const reference = await execute({
      schema,
      document: parse(query),
      contextValue: createRequestContext(em, actor, new PreparedReads({ enabled: true }), createLogger('silent')),
      variableValues: variables,
    });
    const compiled = await api.query('/graphql', query, { token, variables });
    expect(compiled.data).toEqual(reference.data === undefined ? undefined : JSON.parse(JSON.stringify(reference.data)));
    expect(compiled.errors?.map((e) => ({ message: e.message, path: e.path }))).toEqual(
      reference.errors?.map((e) => ({ message: e.message, path: e.path })),
    );
    if (reference.data) expect(JSON.stringify(compiled.data)).not.toBe('{}');
  });
});

describe('variables that do not fit their definitions', () => {
  it('are refused as the client’s error: HTTP 400, BAD_USER_INPUT, naming the variable', async () => {
    const response = await api.query('/graphql', NESTED_PAGE, { token, variables: { first: 'ten' } });
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/^Variable "\$first" got invalid value "ten"/);
  });
});

describe('lists read only the columns an operation asks for', () => {
  const EVERYTHING = `query ($first: Int!) { households(regionCode: "370115104", first: $first) { edges { node {
    publicId
    members { id relation startDate endDate person { id idNumber name sex birthDate phone disabilityCategory disabilityLevel deceasedOn } }
    enrollments {
      id areaType amountRule tier coveredMembers perCapitaIncome fixedAmount startMonth endMonth status exitReason
      program { code name category frequency unit amountRule disclosure minorsOnly description }
      payments { id month kind amount coveredMembers standard note villageCode program { code } }
    }
  } } } }`;
  const FEW = `query ($first: Int!) { households(regionCode: "370115104", first: $first) { edges { node {
    publicId
    members { relation person { name } }
    enrollments { status program { name } payments { month amount } }
  } } } }`;
  const TWICE = `query ($first: Int!) { households(regionCode: "370115104", first: $first) { edges { node {
    publicId
    heads: members { relation }
    people: members { person { idNumber } }
  } } } }`;

  interface Page {
    households: { edges: { node: Record<string, unknown> }[] };
  }
  /** The answer with only the keys `shape` has, at every level. */
  function project(value: unknown, shape: unknown): unknown {
    if (Array.isArray(value)) return value.map((item, i) => project(item, (shape as unknown[])[i]));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.keys(shape as object).map((k) => [k, project((value as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k])]),
    );
  }

  it('answers a few fields exactly as they are in the answer with every field', async () => {
    const everything = await ok<Page>(api, token, EVERYTHING, { first: 3 });
    const few = await ok<Page>(api, token, FEW, { first: 3 });
    expect(few.households.edges).toHaveLength(3);
    expect(project(everything, few)).toEqual(few);
    const node = everything.households.edges[0]!.node as {
      members: { person: { birthDate: string } }[];
      enrollments: { payments: { standard: string }[] }[];
    };
    expect(node.members[0]!.person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(node.enrollments[0]!.payments[0]!.standard).toBe('700.00');
  });

  it('reads the columns of each alias of a list for that alias', async () => {
    const everything = await ok<Page>(api, token, EVERYTHING, { first: 3 });
    const twice = await ok<Page>(api, token, TWICE, { first: 3 });
    twice.households.edges.forEach((edge, i) => {
      const members = everything.households.edges[i]!.node['members'] as { relation: string; person: { idNumber: string } }[];
      expect(edge.node['heads']).toEqual(members.map((m) => ({ relation: m.relation })));
      expect(edge.node['people']).toEqual(members.map((m) => ({ person: { idNumber: m.person.idNumber } })));
    });
  });
});

describe('the ledger rows under an enrollment', () => {
  const LEDGER_PAGE = `query ($after: String) { households(regionCode: "370115104", first: 4, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { enrollments { id payments { id month kind amount standard note villageCode program { code } } } } }
  } }`;
  interface LedgerPage {
    households: {
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: { enrollments: { id: string; payments: Record<string, unknown>[] }[] } }[];
    };
  }

  it('are its twelve latest, newest first, each field as the ledger holds it', async () => {
    // The last household gets corrections of both kinds: 3 regular rows + 13 more, so the twelve
    // shown leave rows out, and amounts are negative as well as positive.
    const admin: Actor = { subject: 'setup', role: 'county_admin', regionCode: '370115' };
    const [last] = await db.orm.em
      .fork()
      .execute<{ id: number }[]>(
        `select e.id from enrollment e join household h on h.id = e.household_id where h.village_code like '370115104%' order by h.id desc limit 1`,
      );
    const enrollmentId = Number(last!.id);
    for (let i = 0; i < 13; i++) {
      const month = ['2026-01', '2026-02', '2026-03'][i % 3]!;
      await db.orm.em
        .fork()
        .transactional((em) =>
          recordCorrection(em, admin, i % 2 ? 'recovery' : 'back_pay', { enrollmentId, month, amountFen: 101 + i, note: `更正 ${i}` }),
        );
    }
    const enrollments: LedgerPage['households']['edges'][number]['node']['enrollments'] = [];
    for (let after: string | null = null; ;) {
      const page: LedgerPage = await ok<LedgerPage>(api, token, LEDGER_PAGE, { after });
      enrollments.push(...page.households.edges.flatMap((e) => e.node.enrollments));
      if (!page.households.pageInfo.hasNextPage) break;
      after = page.households.pageInfo.endCursor;
    }
    expect(enrollments.length).toBe(HOUSEHOLDS);
    const ledger = await db.orm.em.fork().execute<Record<string, string | number | null>[]>(
      `select enrollment_id, id::text, to_char(month, 'YYYY-MM') as month, upper(kind::text) as kind, amount_fen::text, covered_members,
              standard_fen::text, note, village_code, program_code,
              row_number() over (partition by enrollment_id order by month desc, id desc) as n
         from payment order by enrollment_id, month desc, id desc`,
    );
    const yuan = (fen: string | number | null) => {
      if (fen === null) return null;
      const f = BigInt(fen);
      const abs = f < 0n ? -f : f;
      return `${f < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
    };
    for (const enrollment of enrollments) {
      const expected = ledger
        .filter((r) => String(r['enrollment_id']) === enrollment.id && Number(r['n']) <= 12)
        .map((r) => ({
          id: r['id'],
          month: r['month'],
          kind: r['kind'],
          amount: yuan(r['amount_fen']!),
          standard: yuan(r['standard_fen']!),
          note: r['note'],
          villageCode: r['village_code'],
          program: { code: r['program_code'] },
        }));
      expect(enrollment.payments).toEqual(expected);
    }
    const corrected = enrollments.find((e) => e.id === String(enrollmentId))!;
    expect(corrected.payments).toHaveLength(12);
    expect(corrected.payments.some((p) => String(p['amount']).startsWith('-'))).toBe(true);
  });
});
