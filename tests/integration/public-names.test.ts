import {
  acceptApplication,
  addDays,
  approveApplication,
  approvePayroll,
  canonicalName,
  cutRelease,
  COMPOUND_SURNAMES,
  generatePayroll,
  investigateApplication,
  maskName,
  publicizeApplication,
  submitApplication,
  today,
  verifyApplication,
  type EntityManager,
} from '@xingfu/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, idNumberFor } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Issue 15: names with inner whitespace, a zero-width or a no-break space were stored as given and
 * published as 张*三. Names are now stored normalised, and the masks (SQL and TypeScript) work on
 * the canonical form, for rows written before too.
 */
let db: TestDatabase;
let api: TestApi;
let admin = '';
let fixture: LedgerFixture;
const asOf = addDays(today(), 40);
/** The month the releases list: the latest released (the fixture's one-off aid is paid this month). */
const LISTED_MONTH = today().slice(0, 7);

const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

interface Member {
  id: string;
  relation: string;
  person: { id: string; name: string };
}

async function register(names: string[]) {
  return api.query<{ registerHousehold: { household: { id: string; publicId: string; members: Member[] } } }>('/graphql', REGISTER, {
    token: admin,
    variables: {
      input: {
        villageCode: fixture.villages[0],
        areaType: 'RURAL',
        startDate: '2020-01-01',
        members: names.map((name, i) => ({
          idNumber: idNumberFor(`19${60 + i}-03-0${i + 1}`),
          name,
          relation: i === 0 ? 'HEAD' : i === 1 ? 'SPOUSE' : 'CHILD',
        })),
      },
    },
  });
}

/** 低保 from LISTED_MONTH for a household: it appears on that month's 幸福清单. */
async function enrol(householdId: number) {
  const application = await run((em) =>
    submitApplication(em, ADMIN, { householdId, programCode: 'dibao_rural', channel: 'town_station', appliedOn: addDays(today(), -20) }),
  );
  await run((em) => acceptApplication(em, ADMIN, application.id));
  await run((em) => verifyApplication(em, ADMIN, { applicationId: application.id, incomes: [] }));
  await run((em) => investigateApplication(em, ADMIN, application.id, '入户核实'));
  await run((em) => publicizeApplication(em, ADMIN, application.id, addDays(today(), -10)));
  await run((em) => approveApplication(em, ADMIN, { applicationId: application.id, startMonth: LISTED_MONTH }));
}

async function listing(village: string, releaseId: string, month = LISTED_MONTH) {
  const answer = await api.query<{ happinessList: { edges: { node: { publicId: string; maskedName: string } }[] } }>(
    '/public/graphql',
    `query ($v: String!, $m: Month!, $r: ID) { happinessList(villageCode: $v, month: $m, releaseId: $r, first: 50) { edges { node { publicId maskedName } } } }`,
    { variables: { v: village, m: month, r: releaseId } },
  );
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!.happinessList.edges.map((e) => e.node);
}
let family: { householdId: number; publicId: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  fixture = await buildLedger(db.orm, { households: 4 });
  const answer = await register(['张 三', '李\u200b四', '赵\u00a0六']);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  const household = answer.data!.registerHousehold.household;
  family = { householdId: Number(household.id), publicId: household.publicId };
  await enrol(family.householdId);
  const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: LISTED_MONTH }));
  await run((em) => approvePayroll(em, ADMIN, batch.id));
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('names are stored normalised', () => {
  it('stores “张 三”, “李\\u200b四” and “赵\\u00a0六” as 张三, 李四 and 赵六', async () => {
    const stored = await rows<{ name: string }>(
      `select p.name from household_member m join person p on p.id = m.person_id where m.household_id = ? order by p.id`,
      [family.householdId],
    );
    expect(stored.map((p) => p.name)).toEqual(['张三', '李四', '赵六']);
  });

  it('publishes the head as 张*, never 张*三', async () => {
    const release = await run((em) => cutRelease(em, { createdBy: 'test', note: '姓名', asOf }));
    const row = (await listing(fixture.villages[0]!, release.id)).find((r) => r.publicId === family.publicId);
    expect(row?.maskedName).toBe('张*');
  });

  it.each([
    ['empty once spaces and zero-width characters are removed', '\u200b \u200b'],
    ['longer than 40 characters once NFKC has run (11 characters that become 44)', '㍿'.repeat(11)],
    ['with a digit', '张3'],
  ])('refuses a name %s with INVALID_NAME, writing nothing', async (_what, name) => {
    const before = (await rows<{ n: number }>('select count(*)::int as n from person'))[0]!.n;
    const answer = await register([name]);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('INVALID_NAME');
    expect((await rows<{ n: number }>('select count(*)::int as n from person'))[0]!.n).toBe(before);
  });

  it('normalises a member added later (addHouseholdMember)', async () => {
    const answer = await api.query<{ addHouseholdMember: { member: { person: { name: string } } } }>(
      '/graphql',
      `mutation ($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { member { person { name } } } }`,
      {
        token: admin,
        variables: {
          input: {
            householdId: String(family.householdId),
            idNumber: idNumberFor('2001-05-05'),
            name: '赵\u2060小\u00a0六',
            relation: 'CHILD',
          },
        },
      },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.addHouseholdMember.member.person.name).toBe('赵小六');
  });

  it('has the database refuse a name that is not canonical, written past the domain', async () => {
    await expect(
      rows(`insert into person (id_number, name, sex, birth_date) values (?, ?, 'male', '1970-01-01')`, [
        idNumberFor('1970-01-01'),
        '王\u200b五',
      ]),
    ).rejects.toThrow(/person_name_canonical/);
  });
});

describe('the SQL mask', () => {
  /** What PostgreSQL can hold and normalises as Node does (U+A7F1 is new in Unicode 17, which PostgreSQL 18 does not know yet). */
  const storable = (s: string) => !s.includes('\u0000') && !s.includes('\ua7f1') && !/\p{Cs}/u.test(s);
  const piece = fc.oneof(
    { arbitrary: fc.constantFrom(...'张王李赵明华三丽𠮷', ...[...COMPOUND_SURNAMES].slice(0, 8)), weight: 5 },
    {
      arbitrary: fc.constantFrom(
        ' ',
        '\u00a0',
        '\u3000',
        '\u200b',
        '\u200d',
        '\ufeff',
        '\u0301',
        '\ufe0f',
        '\u{e0101}',
        '.',
        '・',
        'Ａ',
        '㍿',
        '\u1100',
        '\u1161',
      ),
      weight: 3,
    },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
  );
  const names = fc
    .oneof(
      fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
      fc.string({ unit: 'binary', maxLength: 12 }),
    )
    .filter(storable);

  it('equals maskName, and canonical_name equals canonicalName, over arbitrary Unicode names', async () => {
    const sample = fc.sample(names, { numRuns: 3000, seed: 15 });
    const sql = await rows<{ masked: string; canonical: string }>(
      `select mask_name(n) as masked, canonical_name(n) as canonical from jsonb_array_elements_text(?::jsonb) with ordinality as t(n, i) order by i`,
      [JSON.stringify(sample)],
    );
    const differences = sample.flatMap((name, i) =>
      sql[i]!.masked === maskName(name) && sql[i]!.canonical === canonicalName(name)
        ? []
        : [
            {
              name: [...name].map((c) => c.codePointAt(0)!.toString(16)),
              sql: sql[i],
              ts: { masked: maskName(name), canonical: canonicalName(name) },
            },
          ],
    );
    expect(differences).toEqual([]);
  });

  it('masks a row stored before names were normalised as if it had been', async () => {
    const legacy = ['张\u200b三', '李 四', '赵\u00a0六', '欧\u200b阳\u200b明', '王\u0301五'];
    const sql = await rows<{ masked: string }>(
      `select mask_name(n) as masked from jsonb_array_elements_text(?::jsonb) with ordinality as t(n, i) order by i`,
      [JSON.stringify(legacy)],
    );
    expect(sql.map((r) => r.masked)).toEqual(['张*', '李*', '赵*', '欧阳*', '王*']);
  });
});

describe('migration 0006 on a ledger from before it', () => {
  it('re-masks the 幸福清单 rows of earlier releases that the old mask got wrong, and masks later releases right', async () => {
    const orm = db.orm;
    // back to the schema of before: the old mask_name, no constraint; a head's name stored as given
    await orm.migrator.down({ to: '0005-exactly-once' });
    // every later migration (the tables releases are cut with today), without 0006
    const pending = await orm.migrator.getPending();
    await orm.migrator.up({ migrations: pending.map((m) => m.name).filter((name) => !name.startsWith('0006-')) });
    try {
      const [head] = await rows<{ id: number }>(
        `select person_id as id from household_member where household_id = ? and relation = 'head'`,
        [family.householdId],
      );
      await rows(`update person set name = ? where id = ?`, ['张\u200b三', head!.id]);
      const before = await run((em) => cutRelease(em, { createdBy: 'test', note: '迁移前', asOf }));
      expect((await listing(fixture.villages[0]!, before.id)).find((r) => r.publicId === family.publicId)?.maskedName).toBe('张*三');
      await orm.migrator.up();
      expect((await listing(fixture.villages[0]!, before.id)).find((r) => r.publicId === family.publicId)?.maskedName).toBe('张*');
      const after = await run((em) => cutRelease(em, { createdBy: 'test', note: '迁移后', asOf }));
      expect((await listing(fixture.villages[0]!, after.id)).find((r) => r.publicId === family.publicId)?.maskedName).toBe('张*');
      // the other rows of the earlier release are untouched
      const untouched = await rows<{ n: number }>(
        `select count(*)::int as n from listing_row a join listing_row b on b.public_id = a.public_id and b.village_code = a.village_code
           and b.month = a.month and b.program_code = a.program_code
         where a.release_id = ? and b.release_id = ? and a.masked_name <> b.masked_name`,
        [before.id, after.id],
      );
      expect(untouched[0]!.n).toBe(0);
    } finally {
      await orm.migrator.up();
    }
  });
});
