/**
 * The monthly amount of an enrollment — one rule, in two forms that a test keeps equal
 * (tests/integration/monthly-amount.test.ts): `monthlyAmountFen` for TypeScript (the demo-data
 * generator) and `MONTHLY_AMOUNT_SQL` for payroll's set-based INSERT … SELECT.
 *
 * Gap programs (低保) pay (standard − per-capita income) × covered members; the others pay
 * standard × covered members; a fixed amount (渐退, an adjusted amount) overrides both. Never
 * above standard × covered members, never negative.
 */
export interface MonthlyAmountInput {
  amountRule: 'gap' | 'standard' | 'tiered' | 'case';
  /** The standard in force that month, fen per person. */
  standardFen: number;
  perCapitaIncomeFen: number;
  coveredMembers: number;
  fixedAmountFen?: number | null;
}

export function monthlyAmountFen(input: MonthlyAmountInput): number {
  const ceiling = input.standardFen * input.coveredMembers;
  const base =
    input.fixedAmountFen ??
    (input.amountRule === 'gap' ? Math.max(input.standardFen - input.perCapitaIncomeFen, 0) * input.coveredMembers : ceiling);
  return Math.min(base, ceiling);
}

/** The same rule in SQL, over an enrollment row `e` and the standard in force `s`. */
export const MONTHLY_AMOUNT_SQL = `least(
    coalesce(e.fixed_amount_fen,
      case when e.amount_rule = 'gap' then greatest(s.amount_fen - e.per_capita_income_fen, 0) * e.covered_members
           else s.amount_fen * e.covered_members end),
    s.amount_fen * e.covered_members)`;
