import { DomainError } from '../errors/domain-error.js';

/** Staff roles, each bound to a region (a county for admins and auditors, a town or village for clerks and grid workers). */
export const ROLES = ['county_admin', 'town_clerk', 'grid_worker', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: from a verified bearer token. */
export interface Actor {
  subject: string;
  role: Role;
  /** Every record the actor reads or changes must lie in this region (code prefix). */
  regionCode: string;
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
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    const roles = PERMISSIONS[permission].join(', ');
    throw new DomainError('FORBIDDEN', `A ${actor.role} may not ${permission}: this step is for ${roles}.`, { permission });
  }
}

export function inScope(actor: Actor, regionCode: string): boolean {
  return regionCode.startsWith(actor.regionCode);
}

/** Refuses a record outside the actor's region, without saying whether it exists. */
export function assertInScope(actor: Actor, regionCode: string, what = 'record'): void {
  if (!inScope(actor, regionCode)) {
    throw new DomainError(
      'OUT_OF_SCOPE',
      `This ${what} is outside your region (${actor.regionCode}): ask staff of its region, or a county administrator.`,
    );
  }
}
