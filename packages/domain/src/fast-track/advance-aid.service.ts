import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { audit, auditedCreate } from '../audit/audit.js';
import { ApplicationEvent } from '../application/application-event.entity.js';
import { Application, type ApplicationChannel } from '../application/application.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { currentMembers, getHousehold } from '../household/household.service.js';
import { formatFen } from '../money/money.js';
import { recordOneOffPayment } from '../payroll/payroll.service.js';
import type { Payment } from '../payroll/payment.entity.js';
import { getProgram } from '../program/standard.service.js';
import { Region } from '../region/region.entity.js';

/** The programs a town may grant first (先行救助): per-case aid. */
export const ADVANCE_AID_PROGRAMS = ['temporary_relief', 'emergency_aid'] as const;

/** The ceiling of aid granted first where the county has set none: 1,000 元. */
export const DEFAULT_ADVANCE_AID_CEILING_FEN = 100_000;

/** The most a county's towns may grant first (its setting, else the default). */
export async function advanceAidCeilingFen(em: EntityManager, countyCode: string): Promise<number> {
  const [row] = await em.execute<{ fen: string }[]>(
    `select advance_aid_ceiling_fen::text as fen from county_setting where county_code = ?`,
    [countyCode],
  );
  return row ? Number(row.fen) : DEFAULT_ADVANCE_AID_CEILING_FEN;
}

/** A county administrator sets the county's ceiling of aid granted first (audited with before and after). */
export async function setAdvanceAidCeiling(
  em: EntityManager,
  actor: Actor,
  input: { countyCode: string; ceilingFen: number },
): Promise<number> {
  assertCan(actor, 'setStandard');
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county || input.countyCode.length !== 6) throw DomainError.unknownRegion(input.countyCode);
  assertRegionInScope(actor, county.code, 'county');
  if (!Number.isSafeInteger(input.ceilingFen) || input.ceilingFen < 1 || input.ceilingFen > 100_000_000) {
    throw new DomainError('INVALID_AMOUNT', 'The ceiling of aid granted first is between 0.01 and 1,000,000 yuan.');
  }
  const before = await advanceAidCeilingFen(em, county.code);
  await em.execute(
    `insert into county_setting (county_code, advance_aid_ceiling_fen, updated_by) values (?, ?, ?)
     on conflict (county_code) do update set advance_aid_ceiling_fen = excluded.advance_aid_ceiling_fen,
       updated_by = excluded.updated_by, updated_at = now()`,
    [county.code, input.ceilingFen, actor.subject],
  );
  audit(em, actor, {
    action: 'setAdvanceAidCeiling',
    entity: 'county_setting',
    entityId: county.code,
    regionCode: county.code,
    before: { advanceAidCeilingFen: before },
    after: { advanceAidCeilingFen: input.ceilingFen },
  });
  await em.flush();
  return input.ceilingFen;
}

export interface GrantAdvanceAidInput {
  householdId: number;
  /** temporary_relief (临时救助, the default) or emergency_aid (急难救助). */
  programCode?: string;
  amountFen: number;
  /** What happened (火灾, 突发重大疾病, …): the application's reason. */
  reason: string;
  channel: ApplicationChannel;
}

/**
 * 临时救助 先行救助: a town grants per-case aid first, within the county's ceiling. One
 * transaction records the application (status applied, marked advance), its event, and the
 * one-off payment of the amount, paid at once; the review then runs the normal steps afterwards
 * (accept, verify, investigate, publicize, approve — the approval confirms the amount paid), or
 * the application is rejected, which books the recovery of the whole amount (rejectApplication).
 * The household's row is locked first, and the unique index application_one_open_advance backs
 * the rule: one advance under review per household × program (ADVANCE_UNDER_WAY for another).
 */
export async function grantAdvanceAid(
  em: EntityManager,
  actor: Actor,
  input: GrantAdvanceAidInput,
): Promise<{ application: Application; payment: Payment }> {
  assertCan(actor, 'grantAdvanceAid');
  const programCode = input.programCode ?? 'temporary_relief';
  if (!(ADVANCE_AID_PROGRAMS as readonly string[]).includes(programCode)) {
    throw new DomainError(
      'ADVANCE_NOT_ALLOWED',
      `Only ${ADVANCE_AID_PROGRAMS.join(' and ')} can be granted first; ${programCode} follows the normal steps.`,
      { programCode },
    );
  }
  if (!input.reason.trim()) throw new DomainError('TEXT_REQUIRED', 'Say what happened: the reason the aid is granted first.');
  if (input.reason.length > 2000) throw new DomainError('STRING_TOO_LONG', 'The reason is at most 2,000 characters.');
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new DomainError('INVALID_AMOUNT', 'The amount granted first is a positive whole number of fen.');
  }
  const household = await getHousehold(em, actor, input.householdId, { lock: true });
  const ceiling = await advanceAidCeilingFen(em, household.county.code);
  if (input.amountFen > ceiling) {
    throw new DomainError(
      'ADVANCE_ABOVE_CEILING',
      `${household.county.name} lets towns grant at most ${formatFen(ceiling)} yuan first; ${formatFen(input.amountFen)} yuan goes through the normal steps (submitApplication).`,
      { ceilingFen: String(ceiling), amountFen: String(input.amountFen) },
    );
  }
  const program = await getProgram(em, programCode);
  const open = await em.count(Application, {
    household,
    program,
    advance: true,
    status: { $nin: ['approved', 'rejected'] },
  });
  if (open > 0) {
    throw new DomainError(
      'ADVANCE_UNDER_WAY',
      `This household has ${program.name} granted first under review already: complete or reject that application first; nothing was added.`,
    );
  }
  const members = await currentMembers(em, household.id);
  if (members.length === 0) throw new DomainError('NOT_ELIGIBLE', 'Nobody alive in this household can be granted aid.');
  const application = await auditedCreate(
    em,
    actor,
    { action: 'grantAdvanceAid', entity: 'application', regionCode: household.village.code },
    () => {
      const created = em.create(Application, {
        household,
        program,
        person: null,
        county: household.county,
        village: household.village,
        channel: input.channel,
        appliedOn: today(),
        reason: `先行救助：${input.reason.trim()}`,
        householdSize: members.length,
        coveredMembers: members.length,
        assessedAmountFen: input.amountFen,
        advance: true,
        createdBy: actor.subject,
      });
      em.create(ApplicationEvent, {
        application: created,
        fromStatus: null,
        toStatus: 'applied',
        actor: actor.subject,
        note: `先行救助 ${formatFen(input.amountFen)} 元，事后补充审核`,
      });
      return created;
    },
  );
  const payment = await recordOneOffPayment(em, actor, application, input.amountFen);
  return { application, payment };
}
