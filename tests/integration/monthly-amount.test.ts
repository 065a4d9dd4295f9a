import { MONTHLY_AMOUNT_SQL, monthlyAmountFen, type MonthlyAmountInput } from '@xingfu/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** One monthly-amount rule: payroll's SQL and the TypeScript the demo-data generator uses agree. */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

const inputs = fc.record({
  amountRule: fc.constantFrom<MonthlyAmountInput['amountRule']>('gap', 'standard', 'tiered'),
  standardFen: fc.integer({ min: 1, max: 200_000 }),
  perCapitaIncomeFen: fc.integer({ min: 0, max: 300_000 }),
  coveredMembers: fc.integer({ min: 1, max: 20 }),
  fixedAmountFen: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
});

describe('the monthly amount', () => {
  it('is the same in SQL and in TypeScript for any enrollment and standard', async () => {
    const cases = fc.sample(inputs, { numRuns: 400, seed: 42 });
    const rows = await db.orm.em.fork().execute<{ i: number; amount: string }[]>(
      `select x.i, (${MONTHLY_AMOUNT_SQL})::text as amount
       from jsonb_to_recordset(?::jsonb) as x(i int, amount_rule text, standard_fen bigint, per_capita_income_fen bigint, covered_members int, fixed_amount_fen bigint)
       cross join lateral (select x.amount_rule::amount_rule as amount_rule, x.per_capita_income_fen, x.covered_members, x.fixed_amount_fen) e
       cross join lateral (select x.standard_fen as amount_fen) s
       order by x.i`,
      [
        JSON.stringify(
          cases.map((c, i) => ({
            i,
            amount_rule: c.amountRule,
            standard_fen: c.standardFen,
            per_capita_income_fen: c.perCapitaIncomeFen,
            covered_members: c.coveredMembers,
            fixed_amount_fen: c.fixedAmountFen,
          })),
        ),
      ],
    );
    expect(rows.map((r) => Number(r.amount))).toEqual(cases.map((c) => monthlyAmountFen(c)));
  });

  it('pays the gap for 低保, the standard for the others, a fixed amount when set, never above the ceiling', () => {
    expect(monthlyAmountFen({ amountRule: 'gap', standardFen: 70000, perCapitaIncomeFen: 30000, coveredMembers: 3 })).toBe(120000);
    expect(monthlyAmountFen({ amountRule: 'gap', standardFen: 70000, perCapitaIncomeFen: 90000, coveredMembers: 3 })).toBe(0);
    expect(monthlyAmountFen({ amountRule: 'standard', standardFen: 70000, perCapitaIncomeFen: 30000, coveredMembers: 2 })).toBe(140000);
    expect(
      monthlyAmountFen({ amountRule: 'gap', standardFen: 70000, perCapitaIncomeFen: 0, coveredMembers: 1, fixedAmountFen: 20000 }),
    ).toBe(20000);
    expect(
      monthlyAmountFen({ amountRule: 'gap', standardFen: 70000, perCapitaIncomeFen: 0, coveredMembers: 1, fixedAmountFen: 90000 }),
    ).toBe(70000);
  });
});
