import { DomainError } from '../errors/domain-error.js';

/**
 * Staff roles, each bound to a region (a county for admins and auditors, a town or village for
 * clerks and grid workers). A facility manager is bound to the village of one elder-care facility
 * and to that facility (`facilityId`): it sees and reports only its own facility.
 */
export const ROLES = ['county_admin', 'town_clerk', 'grid_worker', 'auditor', 'facility_manager'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: from a verified bearer token. */
export interface Actor {
  subject: string;
  role: Role;
  /** Every record the actor reads or changes must lie in this region (code prefix). */
  regionCode: string;
  /** For a facility_manager: the one elder-care facility it manages. */
  facilityId?: number;
}

/** The steps of case work and who may take them. */
export const PERMISSIONS = {
  registerHousehold: ['county_admin', 'town_clerk', 'grid_worker'],
  editHousehold: ['county_admin', 'town_clerk'],
  submitApplication: ['county_admin', 'town_clerk', 'grid_worker'],
  acceptApplication: ['county_admin', 'town_clerk'],
  verifyApplication: ['county_admin', 'town_clerk'],
  investigateApplication: ['county_admin', 'town_clerk'],
  publicizeApplication: ['county_admin', 'town_clerk'],
  recordObjection: ['county_admin', 'town_clerk', 'grid_worker'],
  resolveObjection: ['county_admin'],
  approveApplication: ['county_admin'],
  endEnrollment: ['county_admin'],
  rejectApplication: ['county_admin', 'town_clerk'],
  setStandard: ['county_admin'],
  managePayroll: ['county_admin'],
  recordCorrection: ['county_admin'],
  manageReviewCampaign: ['county_admin'],
  recordReviewVisit: ['county_admin', 'town_clerk', 'grid_worker'],
  decideReview: ['county_admin'],
  readAudit: ['county_admin', 'auditor'],
  // elder care (docs/eldercare.md)
  readElderCare: ['county_admin', 'town_clerk', 'grid_worker', 'auditor', 'facility_manager'],
  manageFacility: ['county_admin'],
  housePerson: ['county_admin', 'town_clerk'],
  recordCapacity: ['county_admin', 'town_clerk', 'facility_manager'],
  recordFacilityActivity: ['county_admin', 'town_clerk', 'facility_manager'],
  inspectFacility: ['county_admin', 'town_clerk'],
  recordHomeService: ['county_admin', 'town_clerk', 'grid_worker'],
  manageHomeModification: ['county_admin', 'town_clerk'],
  setElderCareTarget: ['county_admin'],
  loadFeed: ['county_admin'],
  runCrossCheck: ['county_admin'],
  readCrossChecks: ['county_admin', 'town_clerk', 'auditor'],
  decideCrossCheckHit: ['county_admin'],
  referCase: ['county_admin', 'town_clerk'],
  grantAdvanceAid: ['county_admin', 'town_clerk'],
  recordReferralOutcome: ['county_admin', 'town_clerk'],
  importLedger: ['county_admin'],
  exportReport: ['county_admin', 'town_clerk', 'auditor'],
  cutRelease: ['county_admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** 'A county_admin', 'An auditor': the role with the article its sound takes. */
export function roleWithArticle(role: Role): string {
  return `${/^[aeiou]/.test(role) ? 'An' : 'A'} ${role}`;
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    const roles = PERMISSIONS[permission].join(', ');
    throw new DomainError('FORBIDDEN', `${roleWithArticle(actor.role)} may not ${permission}: this step is for ${roles}.`, { permission });
  }
}

export function inScope(actor: Actor, regionCode: string): boolean {
  return regionCode.startsWith(actor.regionCode);
}

/**
 * Whether the actor may see an elder-care facility: in its region, and for a facility manager
 * only its own facility. Staff of other roles outside facilities' work see none of a facility
 * manager's restriction.
 */
export function facilityInScope(actor: Actor, facility: { id: number; villageCode: string }): boolean {
  if (actor.role === 'facility_manager') return actor.facilityId === facility.id && inScope(actor, facility.villageCode);
  return inScope(actor, facility.villageCode);
}

/**
 * The answer for a record that does not exist or lies outside the actor's region: the same code
 * and the same words for both, so a refusal never tells whether a record exists elsewhere.
 */
export function notFound(actor: Actor, what: string, id: string | number): DomainError {
  return new DomainError('NOT_FOUND', `No ${what} ${id} in your region (${actor.regionCode}).`);
}

/** The record when it exists and lies in the actor's region; NOT_FOUND otherwise, the same for both. */
export function visible<T>(
  actor: Actor,
  record: T | null | undefined,
  regionOf: (record: T) => string,
  what: string,
  id: string | number,
): T {
  if (record == null || !inScope(actor, regionOf(record))) throw notFound(actor, what, id);
  return record;
}

/**
 * Refuses a region (a county asked for by code) outside the actor's: regions are public, so the
 * refusal may say so (OUT_OF_SCOPE). Records use `visible`.
 */
export function assertRegionInScope(actor: Actor, regionCode: string, what = 'region'): void {
  if (!inScope(actor, regionCode)) {
    throw new DomainError(
      'OUT_OF_SCOPE',
      `This ${what} (${regionCode}) is outside your region (${actor.regionCode}): ask staff of its region, or a county administrator.`,
    );
  }
}
