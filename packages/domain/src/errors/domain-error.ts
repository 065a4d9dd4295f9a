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
  | 'REGION_SOURCE_UNAVAILABLE';

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
