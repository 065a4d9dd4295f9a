import { DomainError } from '../errors/domain-error.js';

/**
 * The eligibility and amount calculator of the minimum living guarantee (低保) and programs paid
 * the same way: a pure function of the household's monthly figures and the standard in force.
 *
 * Money: every amount is a whole number of fen (分) held in a `number`; it must be a safe
 * integer ≥ 0, otherwise `INVALID_AMOUNT` is thrown (a negative income is refused, not netted).
 * The arithmetic runs on `bigint`, so nothing is rounded except where stated below.
 *
 * The calculation, in order:
 * 1. Counted income = the sum over the items of `max(0, base − exemptFen)`, where base is
 *    `monthlyFen`, or for `informal` income (estimated for people able to work without a stable
 *    income) `floor(monthlyFen × laborCoefficient)`. `exemptFen` (收入豁免, 就业成本抵扣) may not
 *    exceed `monthlyFen`.
 * 2. Per-capita income = `floor(max(0, counted − rigidExpensesFen) / householdSize)`: medical and
 *    education rigid expenses (刚性支出) are deducted first.
 * 3. Income test: the household qualifies on income only when per-capita income is **below** the
 *    standard (an income equal to the standard gets nothing: reason `INCOME_ABOVE_STANDARD`).
 *    - `gap` (补差): amount = `(standard − perCapita) × coveredMembers`.
 *    - `tiered` (分档): the tiers sorted by `maxPerCapitaIncomeFen` ascending; the first tier
 *      with `perCapita ≤ maxPerCapitaIncomeFen` pays `amountPerPersonFen × coveredMembers`,
 *      capped at `standard × coveredMembers`. No tier matches → `NO_MATCHING_TIER`. Tiers must
 *      not pay more to a higher-income tier, and no two tiers may share a bound.
 * 4. Property test (independent of income, any failure makes the household ineligible):
 *    financial assets above `assetLimitFen` (the household's limit, computed by the caller),
 *    a non-essential vehicle, extra housing.
 * 5. 单人保 (`singlePerson`): a severely disabled or ill member covered alone. Household size and
 *    covered members are both taken as 1, and `incomes` must be that member's own.
 * 6. 渐退 (`gradualExit`): a household already enrolled whose per-capita income rose to or above
 *    the standard but not above `maxIncomeRatio × standard` (compared exactly) keeps
 *    `previousAmountFen`, capped at `standard × coveredMembers`; reasons are `['GRADUAL_EXIT']`.
 *    It does not override a property failure or `NO_MATCHING_TIER`.
 *
 * Rounding: only two values are rounded, both **down** to a whole fen, which never counts more
 * income than the household has: the counted part of informal income and the per-capita income.
 * Amounts are exact products of whole fen. Labour coefficients and income ratios are decimals with
 * at most 4 decimal places and are applied as exact fractions of 10 000 (no binary float error:
 * `floor(100 × 0.57)` is 57 here, not 56).
 *
 * Invariants (property-tested): the amount is never negative, never above
 * `standard × coveredMembers`, and without gradual exit never rises when an income rises.
 */

export type IncomeKind = 'wage' | 'business' | 'pension' | 'transfer' | 'property' | 'informal' | 'other';

export interface IncomeItem {
  kind: IncomeKind;
  /** Monthly amount in fen; for `informal` the reference income the coefficient applies to. */
  monthlyFen: number;
  /** 劳动力系数, 0..1, at most 4 decimals: required for `informal` income, refused for any other kind. */
  laborCoefficient?: number;
  /** 收入豁免 / 就业成本抵扣: the part of this item not counted (at most `monthlyFen`). */
  exemptFen?: number;
}

export interface PaymentTier {
  /** Highest per-capita income (inclusive) that falls in this tier. */
  maxPerCapitaIncomeFen: number;
  amountPerPersonFen: number;
}

export type PaymentRule = { kind: 'gap' } | { kind: 'tiered'; tiers: PaymentTier[] };

export interface PropertyFacts {
  financialAssetsFen: number;
  /** The household's limit on financial assets (often N months of the standard × household size). */
  assetLimitFen: number;
  ownsNonEssentialVehicle?: boolean;
  ownsExtraHousing?: boolean;
}

export interface GradualExitTerms {
  /** The monthly amount the household received before its income rose. */
  previousAmountFen: number;
  /** Highest per-capita income still in gradual exit, as a multiple of the standard (e.g. 1.5); 1..10, at most 4 decimals. */
  maxIncomeRatio: number;
}

export interface EligibilityInput {
  /** Persons counted for per-capita income (whole number ≥ 1). */
  householdSize: number;
  /** Persons to be covered (1..householdSize). */
  coveredMembers: number;
  /** Monthly standard per person in force for the month, in fen. */
  standardFen: number;
  /** Monthly incomes. */
  incomes: IncomeItem[];
  /** Monthly medical and education rigid expenses, deducted from counted income (floored at 0). */
  rigidExpensesFen?: number;
  property?: PropertyFacts;
  payment: PaymentRule;
  /** 单人保: one member covered alone; household size and covered members are taken as 1. */
  singlePerson?: boolean;
  /** 渐退: the household is already enrolled; see the module comment. */
  gradualExit?: GradualExitTerms;
}

export type EligibilityReason =
  'INCOME_ABOVE_STANDARD' | 'NO_MATCHING_TIER' | 'PROPERTY_ABOVE_LIMIT' | 'NON_ESSENTIAL_VEHICLE' | 'EXTRA_HOUSING' | 'GRADUAL_EXIT';

export interface EligibilityResult {
  eligible: boolean;
  /** Why the household is ineligible (all failures, income first), or `['GRADUAL_EXIT']`; empty when simply eligible. */
  reasons: EligibilityReason[];
  /** Income counted after coefficients and exemptions, before rigid expenses. */
  countedIncomeFen: number;
  perCapitaIncomeFen: number;
  /** Covered members actually used (1 for 单人保). */
  coveredMembers: number;
  /** Monthly amount in fen; 0 when ineligible. */
  amountFen: number;
  /** Index in `payment.tiers` (as given, not as sorted) of the tier paid; only when paid by a tier. */
  tier?: number;
  gradualExit: boolean;
}

const SCALE = 10_000n;

function fen(value: number, what: string): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new DomainError('INVALID_AMOUNT', `${what} must be a whole number of fen (分), not ${String(value)}.`, { field: what });
  }
  if (value < 0) {
    throw new DomainError(
      'INVALID_AMOUNT',
      what.startsWith('incomes')
        ? `${what} is negative (${value}): an income cannot be negative. Record a loss-making business as 0 income.`
        : `${what} cannot be negative (${value}).`,
      { field: what },
    );
  }
  return BigInt(value);
}

function count(value: number, what: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DomainError('INVALID_INPUT', `${what} must be a whole number from ${min} to ${max}, not ${String(value)}.`, { field: what });
  }
  return value;
}

/** A decimal with at most 4 decimal places as an exact number of ten-thousandths. */
function tenThousandths(value: number, what: string, min: number, max: number): bigint {
  const scaled = Math.round(value * 10_000);
  if (!Number.isFinite(value) || value < min || value > max || Math.abs(value * 10_000 - scaled) > 1e-6) {
    throw new DomainError(
      'INVALID_INPUT',
      `${what} must be a number from ${min} to ${max} with at most 4 decimals, not ${String(value)}.`,
      {
        field: what,
      },
    );
  }
  return BigInt(scaled);
}

function toNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('INVALID_AMOUNT', `${what} is too large to be an amount in fen.`, { field: what });
  }
  return Number(value);
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function countedIncome(item: IncomeItem, index: number): bigint {
  const where = `incomes[${index}]`;
  const monthly = fen(item.monthlyFen, `${where}.monthlyFen`);
  const exempt = item.exemptFen === undefined ? 0n : fen(item.exemptFen, `${where}.exemptFen`);
  if (exempt > monthly) {
    throw new DomainError('INVALID_AMOUNT', `${where}.exemptFen (${item.exemptFen}) exceeds the income itself (${item.monthlyFen}).`, {
      field: `${where}.exemptFen`,
    });
  }
  let base = monthly;
  if (item.kind === 'informal') {
    if (item.laborCoefficient === undefined) {
      throw new DomainError('INVALID_INPUT', `${where} is informal income: give its labour coefficient (劳动力系数, 0 to 1).`, {
        field: `${where}.laborCoefficient`,
      });
    }
    base = (monthly * tenThousandths(item.laborCoefficient, `${where}.laborCoefficient`, 0, 1)) / SCALE;
  } else if (item.laborCoefficient !== undefined) {
    throw new DomainError('INVALID_INPUT', `${where} is ${item.kind} income: a labour coefficient only applies to informal income.`, {
      field: `${where}.laborCoefficient`,
    });
  }
  return base > exempt ? base - exempt : 0n;
}

interface SortedTier {
  index: number;
  max: bigint;
  amount: bigint;
}

function sortedTiers(tiers: PaymentTier[]): SortedTier[] {
  if (tiers.length === 0) {
    throw new DomainError('INVALID_INPUT', 'A tiered payment needs at least one tier.', { field: 'payment.tiers' });
  }
  const sorted = tiers
    .map((tier, index) => ({
      index,
      max: fen(tier.maxPerCapitaIncomeFen, `payment.tiers[${index}].maxPerCapitaIncomeFen`),
      amount: fen(tier.amountPerPersonFen, `payment.tiers[${index}].amountPerPersonFen`),
    }))
    .sort((a, b) => (a.max < b.max ? -1 : a.max > b.max ? 1 : a.index - b.index));
  for (let i = 1; i < sorted.length; i++) {
    const lower = sorted[i - 1];
    const higher = sorted[i];
    if (!lower || !higher) continue;
    if (lower.max === higher.max) {
      throw new DomainError(
        'INVALID_INPUT',
        `payment.tiers[${lower.index}] and payment.tiers[${higher.index}] have the same upper bound.`,
        {
          field: 'payment.tiers',
        },
      );
    }
    if (higher.amount > lower.amount) {
      throw new DomainError(
        'INVALID_INPUT',
        `payment.tiers[${higher.index}] pays more per person than payment.tiers[${lower.index}], which is for lower incomes: a higher-income tier cannot pay more.`,
        { field: 'payment.tiers' },
      );
    }
  }
  return sorted;
}

/** Decides eligibility and the monthly amount; see the module comment for the rules. */
export function calculateEligibility(input: EligibilityInput): EligibilityResult {
  const householdSize = count(input.householdSize, 'householdSize', 1, 1000);
  const givenCovered = count(input.coveredMembers, 'coveredMembers', 1, householdSize);
  const size = BigInt(input.singlePerson ? 1 : householdSize);
  const coveredMembers = input.singlePerson ? 1 : givenCovered;
  const covered = BigInt(coveredMembers);
  const standard = fen(input.standardFen, 'standardFen');
  const rigid = input.rigidExpensesFen === undefined ? 0n : fen(input.rigidExpensesFen, 'rigidExpensesFen');
  const tiers = input.payment.kind === 'tiered' ? sortedTiers(input.payment.tiers) : undefined;
  const gradualExit = input.gradualExit && {
    previous: fen(input.gradualExit.previousAmountFen, 'gradualExit.previousAmountFen'),
    ratio: tenThousandths(input.gradualExit.maxIncomeRatio, 'gradualExit.maxIncomeRatio', 1, 10),
  };

  const counted = input.incomes.reduce((sum, item, index) => sum + countedIncome(item, index), 0n);
  const perCapita = (counted > rigid ? counted - rigid : 0n) / size;
  const cap = standard * covered;

  const propertyReasons: EligibilityReason[] = [];
  if (input.property) {
    const assets = fen(input.property.financialAssetsFen, 'property.financialAssetsFen');
    const limit = fen(input.property.assetLimitFen, 'property.assetLimitFen');
    if (assets > limit) propertyReasons.push('PROPERTY_ABOVE_LIMIT');
    if (input.property.ownsNonEssentialVehicle) propertyReasons.push('NON_ESSENTIAL_VEHICLE');
    if (input.property.ownsExtraHousing) propertyReasons.push('EXTRA_HOUSING');
  }

  let incomeReason: EligibilityReason | undefined;
  let amount = 0n;
  let tier: number | undefined;
  if (perCapita >= standard) {
    incomeReason = 'INCOME_ABOVE_STANDARD';
  } else if (tiers) {
    const match = tiers.find((t) => perCapita <= t.max);
    if (match) {
      amount = min(match.amount * covered, cap);
      tier = match.index;
    } else {
      incomeReason = 'NO_MATCHING_TIER';
    }
  } else {
    amount = (standard - perCapita) * covered;
  }

  const result = (eligible: boolean, reasons: EligibilityReason[], amountFen: bigint, inGradualExit: boolean): EligibilityResult => ({
    eligible,
    reasons,
    countedIncomeFen: toNumber(counted, 'countedIncomeFen'),
    perCapitaIncomeFen: toNumber(perCapita, 'perCapitaIncomeFen'),
    coveredMembers,
    amountFen: toNumber(amountFen, 'amountFen'),
    ...(tier !== undefined && eligible && !inGradualExit ? { tier } : {}),
    gradualExit: inGradualExit,
  });

  if (propertyReasons.length > 0) {
    return result(false, incomeReason ? [incomeReason, ...propertyReasons] : propertyReasons, 0n, false);
  }
  if (incomeReason === 'INCOME_ABOVE_STANDARD' && gradualExit && perCapita * SCALE <= standard * gradualExit.ratio) {
    return result(true, ['GRADUAL_EXIT'], min(gradualExit.previous, cap), true);
  }
  if (incomeReason) return result(false, [incomeReason], 0n, false);
  return result(true, [], amount, false);
}
