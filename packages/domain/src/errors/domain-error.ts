/**
 * Every refusal the domain makes carries a stable code. The API maps codes to GraphQL
 * `extensions.code`; messages say what happened and what to do.
 */
export type DomainErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_REGION_CODE'
  | 'UNKNOWN_REGION'
  | 'NOT_FOUND'
  | 'DATABASE_UNREACHABLE'
  | 'PORT_IN_USE'
  | 'REGION_SOURCE_UNAVAILABLE'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_NAME'
  | 'INVALID_AMOUNT'
  | 'INVALID_MONTH'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'OUT_OF_SCOPE'
  | 'DUPLICATE_ID_NUMBER'
  | 'TRANSITION_NOT_ALLOWED'
  | 'NOT_ELIGIBLE'
  | 'OBJECTION_UPHELD'
  | 'OBJECTION_OPEN'
  | 'PUBLICITY_NOT_OVER'
  | 'STANDARD_MISSING'
  | 'PROGRAM_EXCLUSION'
  | 'ALREADY_ENROLLED'
  | 'PAYROLL_EXISTS'
  | 'PAYROLL_FROZEN'
  | 'INVALID_DATE'
  | 'CONFLICT'
  | 'NOTHING_TO_RELEASE'
  | 'RECOVERY_EXCEEDS_NET'
  | 'MONTH_NOT_ENTITLED'
  | 'ABOVE_ENTITLEMENT'
  | 'HOUSEHOLD_TOO_LARGE'
  | 'NOT_A_MEMBER'
  | 'CAMPAIGN_EXISTS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'INVALID_ID'
  | 'INVALID_CURSOR'
  | 'INVALID_PAGE_SIZE'
  | 'INVALID_CHARACTERS'
  | 'OPERATION_NOT_SUPPORTED'
  | 'STRING_TOO_LONG'
  | 'TEXT_REQUIRED'
  | 'PERSON_REQUIRED'
  | 'INVALID_MEMBER_COUNT'
  | 'WRONG_PROGRAM_KIND'
  | 'TIER_REQUIRED'
  | 'INVALID_COEFFICIENT'
  | 'ONE_HEAD_REQUIRED'
  | 'HEAD_EXISTS'
  | 'INVALID_DISABILITY_LEVEL'
  | 'INVALID_REGION_LEVEL'
  | 'INVALID_STAR_RATING'
  | 'INVALID_COUNT'
  | 'OCCUPANCY_ABOVE_BEDS'
  | 'FACILITY_CLOSED'
  | 'WRONG_FACILITY_KIND'
  | 'INVALID_FEED_FILE'
  | 'FEED_DELIVERED'
  | 'HIT_DECIDED'
  | 'BELOW_AGE_TIER'
  | 'OVERRIDE_REASON_REQUIRED'
  | 'REVIEW_DECIDED'
  | 'INVALID_IMPORT_FILE'
  | 'ADVANCE_ABOVE_CEILING'
  | 'ADVANCE_UNDER_WAY'
  | 'ADVANCE_NOT_ALLOWED'
  | 'INVALID_POPULATION';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static invalidRegionCode(code: string): DomainError {
    return new DomainError('INVALID_REGION_CODE', `“${code}” is not a region code: use 2, 4, 6, 9 or 12 digits (e.g. 370115 for 济阳区).`, {
      code,
    });
  }

  static unknownRegion(code: string): DomainError {
    return new DomainError(
      'UNKNOWN_REGION',
      `No region has the code ${code}. Check the code, or import its county with \`pnpm xingfu regions import --county <code>\`.`,
      { code },
    );
  }
}
