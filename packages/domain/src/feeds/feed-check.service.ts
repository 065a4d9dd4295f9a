import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { auditedChange, auditedCreate } from '../audit/audit.js';
import { getApplication } from '../application/application.service.js';
import { DomainError } from '../errors/domain-error.js';
import { FeedCheck } from './feed-check.entity.js';

/** What each feed says about one member (latest deliveries up to today; deaths: all). */
export interface MemberFacts {
  personId: number;
  diedOn: string | null;
  vehicles: number;
  properties: number;
  businesses: number;
  pensionMonthlyFen: number;
  housingFundMonthlyFen: number;
  disabilityLevel: number | null;
  incarcerated: boolean;
}

export interface FeedReport {
  members: MemberFacts[];
  /** The calculator's vehicle rule: a member has a registered vehicle. */
  ownsVehicle: boolean;
  /** The calculator's housing rule: the members hold two or more properties. */
  extraHousing: boolean;
}

/** The automatic report of an application's current members from the county's feeds. */
export async function feedReport(em: EntityManager, actor: Actor, applicationId: number): Promise<FeedReport> {
  assertCan(actor, 'verifyApplication');
  const application = await getApplication(em, actor, applicationId);
  const rows = await em.execute<Record<string, string | number | null>[]>(
    `with delivery as (
       select distinct on (kind) id, kind from feed_delivery where county_code = ? and delivered_on <= ?::date
       order by kind, delivered_on desc
     ),
     latest as (select r.*, d.kind from feed_record r join delivery d on d.id = r.delivery_id)
     select p.id as person_id,
       (select to_char(min(r.event_date), 'YYYY-MM-DD') from feed_record r join feed_delivery fd on fd.id = r.delivery_id
         where fd.kind = 'death' and fd.county_code = ? and fd.delivered_on <= ?::date and r.id_number = p.id_number) as died_on,
       (select count(*) from latest l where l.kind = 'vehicle' and l.id_number = p.id_number)::int as vehicles,
       (select count(*) from latest l where l.kind = 'real_estate' and l.id_number = p.id_number)::int as properties,
       (select count(*) from latest l where l.kind = 'business' and l.id_number = p.id_number)::int as businesses,
       (select coalesce(sum(l.amount_fen), 0) from latest l where l.kind = 'pension' and l.id_number = p.id_number)::text as pension,
       (select coalesce(sum(l.amount_fen), 0) from latest l where l.kind = 'housing_fund' and l.id_number = p.id_number)::text as fund,
       (select min(l.level) from latest l where l.kind = 'disability' and l.id_number = p.id_number) as level,
       exists (select 1 from latest l where l.kind = 'incarceration' and l.id_number = p.id_number) as incarcerated
     from household_member m join person p on p.id = m.person_id
     where m.household_id = ? and m.end_date is null
     order by p.id`,
    [application.county.code, today(), application.county.code, today(), application.household.id],
  );
  const members = rows.map((r) => ({
    personId: Number(r['person_id']),
    diedOn: (r['died_on'] as string | null) ?? null,
    vehicles: Number(r['vehicles']),
    properties: Number(r['properties']),
    businesses: Number(r['businesses']),
    pensionMonthlyFen: Number(r['pension']),
    housingFundMonthlyFen: Number(r['fund']),
    disabilityLevel: r['level'] == null ? null : Number(r['level']),
    incarcerated: Boolean(r['incarcerated']),
  }));
  return {
    members,
    ownsVehicle: members.some((m) => m.vehicles > 0),
    extraHousing: members.reduce((sum, m) => sum + m.properties, 0) >= 2,
  };
}

export interface CheckFeedReportInput {
  applicationId: number;
  /** true: the report stands; false: overridden with `overrideReason` and the facts given. */
  confirm: boolean;
  overrideReason?: string | null;
  ownsVehicle?: boolean | null;
  extraHousing?: boolean | null;
}

/**
 * The caseworker confirms the instant 核对 report of an application, or overrides its property
 * facts with a reason (a vehicle sold, a property inherited but shared, …), before verification;
 * the next verification passes those facts to the eligibility calculator. Audited either way; a
 * later check replaces the earlier one (audited with both).
 */
export async function checkFeedReport(em: EntityManager, actor: Actor, input: CheckFeedReportInput): Promise<FeedCheck> {
  const report = await feedReport(em, actor, input.applicationId);
  const application = await getApplication(em, actor, input.applicationId, { lock: true });
  if (application.status !== 'applied' && application.status !== 'accepted') {
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      `The feeds are checked before verification; this application is ${application.status}.`,
    );
  }
  const reason = input.overrideReason?.trim() ?? '';
  if (!input.confirm && !reason) throw new DomainError('TEXT_REQUIRED', 'An override of the feeds needs the reason.');
  const values = {
    facts: report.members,
    confirmed: input.confirm,
    ownsVehicle: input.confirm ? report.ownsVehicle : (input.ownsVehicle ?? report.ownsVehicle),
    extraHousing: input.confirm ? report.extraHousing : (input.extraHousing ?? report.extraHousing),
    overrideReason: input.confirm ? null : reason,
    checkedBy: actor.subject,
    checkedAt: new Date(),
  };
  const what = {
    action: input.confirm ? 'confirmFeedReport' : 'overrideFeedReport',
    entity: 'feed_check',
    regionCode: application.village.code,
  };
  const existing = await em.findOne(FeedCheck, { application });
  if (existing) return auditedChange(em, actor, what, existing, (c) => void Object.assign(c, values));
  return auditedCreate(em, actor, what, () => em.create(FeedCheck, { application, ...values }));
}

/** The property facts the calculator takes for an application: those of its feed check, if any. */
export async function checkedPropertyFacts(
  em: EntityManager,
  applicationId: number,
): Promise<{ ownsNonEssentialVehicle?: boolean; ownsExtraHousing?: boolean }> {
  const check = await em.findOne(FeedCheck, { application: applicationId });
  return check ? { ownsNonEssentialVehicle: check.ownsVehicle, ownsExtraHousing: check.extraHousing } : {};
}
