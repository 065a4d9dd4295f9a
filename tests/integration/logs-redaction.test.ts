import { createLogger, mintToken } from '@xingfu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, idNumberFor } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Nothing personal in the logs (docs/security.md, "Errors and logs"): the error paths are driven
 * against the real API with a captured logger — unexpected database errors quoting a failing row
 * and a duplicate key, constraint violations, bad tokens, unreadable bodies — and the whole log
 * output is scanned for the ID numbers, names and phone numbers the test used. Repeated identical
 * errors are logged a few times per window, then counted in one summary line.
 */
let db: TestDatabase;
let api: TestApi;
let village = '';
let clerk = '';
const lines: string[] = [];
/** Every ID number, name and phone number this file sends. */
const secrets = new Set<string>();
const WINDOW_MS = 1_500;
const PER_WINDOW = 3;

/** Names starting with 蒋 make the test trigger fail the insert, quoting the row. */
const TRIGGERED = '蒋雨桐';
const PHONE = '13912345678';

function household(name: string, phone: string = PHONE) {
  const idNumber = idNumberFor('1975-03-03');
  for (const secret of [idNumber, name, phone]) secrets.add(secret);
  return { input: { villageCode: village, areaType: 'RURAL', phone, members: [{ idNumber, name, phone, relation: 'HEAD' }] } };
}

const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string; err?: Record<string, unknown> });

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('info', 'xingfu-api', { write: (line: string) => void lines.push(line) });
  api = await startTestApi(db.orm, { logger, errorLogLimit: { perWindow: PER_WINDOW, windowMs: WINDOW_MS } });
  village = (
    await db.orm.em.fork().execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 1`)
  )[0]!.code;
  clerk = await tokenFor('town_clerk', '370115104');
  // a failure no constraint maps: it reaches the formatter as an unexpected error, quoting the row
  // in its message, its detail and its hint, as PostgreSQL's own errors do
  await db.orm.em.getConnection().execute(`
    create function test_refuse_person() returns trigger language plpgsql as $$
    begin
      if new.name like '蒋%' then
        raise exception 'refused person % (%) phone %', new.name, new.id_number, new.phone
          using errcode = 'XX000',
                detail = format('Key (id_number)=(%s) already exists. Failing row contains (%s, %s, %s).', new.id_number, new.id_number, new.name, new.phone),
                hint = format('ask %s on %s', new.name, new.phone);
      end if;
      return new;
    end $$;
    create trigger test_refuse_person before insert on person for each row execute function test_refuse_person();
    create unique index test_person_phone_key on person (phone);
  `);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('the error paths write nothing personal', () => {
  it('an unexpected database error is logged with its SQLSTATE and stack, without the row, key or values it quotes', async () => {
    const answer = await api.query('/graphql', REGISTER, { token: clerk, variables: household(TRIGGERED) });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    const errorId = answer.errors?.[0]?.extensions?.['errorId'];
    const line = logged().find((entry) => entry['errorId'] === errorId);
    expect(line?.msg).toBe('unexpected error');
    expect(line?.err?.['code']).toBe('XX000');
    expect(line?.err?.['message']).toMatch(/refused person \[redacted\]/);
    expect(line?.err?.['stack']).toMatch(/^\s+at /);
    expect(line?.err).not.toHaveProperty('detail');
    expect(line?.err).not.toHaveProperty('hint');
  });

  it('constraint violations are typed refusals, not logged', async () => {
    const before = lines.length;
    await api.query('/graphql', REGISTER, { token: clerk, variables: household('孔令辉', '13800001111') });
    // the same phone again: the unique index refuses it (CONFLICT), its detail quoting the number
    const again = await api.query('/graphql', REGISTER, { token: clerk, variables: household('孔令仪', '13800001111') });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect(lines.length).toBe(before);
  });

  it('bad tokens are refused, whatever they carry', async () => {
    const forged = await mintToken(
      { secret: 'another-secret-that-is-long-enough-for-hs256-0123456789' },
      { subject: `${TRIGGERED} ${PHONE}`, role: 'town_clerk', regionCode: '370115104' },
    );
    const nowhere = await tokenFor('town_clerk', '370115104999', `${TRIGGERED}-${PHONE}`);
    for (const token of ['abc.def.ghi', forged, nowhere, `${PHONE}.${[...secrets][0]}`]) {
      const answer = await api.query('/graphql', `{ me { role } }`, { token });
      expect(answer.status).toBe(401);
    }
  });

  it('a body that is not JSON is refused, not logged', async () => {
    const before = lines.length;
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
      body: `{"query": "{ me { role } }", "variables": {"name": "${TRIGGERED}", "phone": "${PHONE}"`,
    });
    expect(response.status).toBe(400);
    expect(lines.length).toBe(before);
  });

  it('repeated identical errors: a few lines per window, then one summary with the count', async () => {
    const start = logged().filter((entry) => entry.msg === 'unexpected error').length;
    const repeats = 12;
    for (let i = 0; i < repeats; i++) {
      const answer = await api.query('/graphql', REGISTER, { token: clerk, variables: household(`蒋${'一二三四五六七八九十甲乙'[i]}`) });
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    }
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 500));
    const unexpected = logged().filter((entry) => entry.msg === 'unexpected error').length - start;
    expect(unexpected).toBeLessThanOrEqual(PER_WINDOW);
    const summaries = logged().filter((entry) => /more unexpected errors of this kind were not logged/.test(entry.msg));
    const counted = summaries.reduce((sum, entry) => sum + Number(entry['suppressed']), 0);
    // the first test's error and these are one kind: the values they quote are redacted away
    expect(unexpected + counted).toBeGreaterThanOrEqual(repeats - PER_WINDOW);
    expect(counted).toBeGreaterThan(0);
  });

  it('the log output holds none of the ID numbers, names and phone numbers sent', () => {
    const output = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) expect(output, secret).not.toContain(secret);
    expect(output).not.toMatch(/(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)|[\u4e00-\u9fff]|Failing row|Key \(/);
  });
});
