import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, facilityInScope, notFound, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { audit, auditedChange, snapshot } from '../audit/audit.js';
import { lockRow } from '../database/transaction.js';
import { DomainError } from '../errors/domain-error.js';
import { assertPastDate, parseDate } from '../period/date.js';
import { lockFacility } from './facility.service.js';
import {
  ElderHazard,
  ElderInspection,
  HAZARD_CATEGORIES,
  HazardFollowUp,
  type ChecklistItem,
  type HazardCategory,
} from './inspection.entity.js';

/** The most hazards one inspection records. */
export const MAX_HAZARDS_PER_INSPECTION = 50;

export interface HazardInput {
  category: HazardCategory;
  description: string;
  /** 当场整改: fixed while the team was there. Otherwise it enters the ledger with a deadline and a responsible person. */
  fixedOnSpot: boolean;
  deadline?: string | null;
  responsible?: string | null;
}

export interface RecordInspectionInput {
  facilityId: number;
  inspectedOn: string;
  /** The team, e.g. 县民政局、县消防救援大队联合检查组. */
  team: string;
  jointWithFireBrigade: boolean;
  checklist: ChecklistItem[];
  hazards: HazardInput[];
}

export interface RecordedInspection {
  inspection: ElderInspection;
  hazards: ElderHazard[];
}

/**
 * A safety inspection and the hazards it found, in one transaction: a hazard fixed on the spot is
 * closed the day it was found; any other enters the rectification ledger (整改台账) with a deadline
 * on or after that day and a responsible person. Nothing is written when any of it is refused.
 */
export async function recordInspection(em: EntityManager, actor: Actor, input: RecordInspectionInput): Promise<RecordedInspection> {
  assertCan(actor, 'inspectFacility');
  const team = input.team.trim();
  if (!team) throw new DomainError('TEXT_REQUIRED', 'Name the inspection team (e.g. 县民政局、县消防救援大队联合检查组).');
  const seen = new Set<HazardCategory>();
  for (const item of input.checklist) {
    if (seen.has(item.category)) throw new DomainError('INVALID_INPUT', `The checklist names ${item.category} twice.`);
    seen.add(item.category);
  }
  if (input.checklist.length === 0) {
    throw new DomainError('INVALID_INPUT', `The checklist has at least one category (${HAZARD_CATEGORIES.join(', ')}).`);
  }
  if (input.hazards.length > MAX_HAZARDS_PER_INSPECTION) {
    throw new DomainError('INVALID_INPUT', `An inspection records at most ${MAX_HAZARDS_PER_INSPECTION} hazards.`);
  }
  const facility = await lockFacility(em, actor, input.facilityId);
  const inspectedOn = assertPastDate(input.inspectedOn, 'The date of the inspection', {
    date: facility.openedOn,
    what: 'the opening of the facility',
  });
  if (facility.closedOn && inspectedOn > facility.closedOn) {
    throw new DomainError('FACILITY_CLOSED', `${facility.name} closed on ${facility.closedOn}: it was not inspected after that.`);
  }
  const hazards = input.hazards.map((hazard, index) => {
    const description = hazard.description.trim();
    if (!description) throw new DomainError('TEXT_REQUIRED', `Describe hazard ${index + 1}.`);
    if (hazard.fixedOnSpot) return { hazard, description, deadline: null, responsible: null };
    const responsible = hazard.responsible?.trim();
    if (!responsible || !hazard.deadline) {
      throw new DomainError(
        'TEXT_REQUIRED',
        `Hazard ${index + 1} was not fixed on the spot: it enters the rectification ledger with a deadline and a responsible person.`,
      );
    }
    const deadline = parseDate(hazard.deadline, `The deadline of hazard ${index + 1}`);
    if (deadline < inspectedOn) {
      throw new DomainError('INVALID_DATE', `The deadline of hazard ${index + 1} (${deadline}) is before the inspection (${inspectedOn}).`);
    }
    return { hazard, description, deadline, responsible };
  });
  const inspection = em.create(ElderInspection, {
    facility,
    villageCode: facility.villageCode,
    inspectedOn,
    team,
    jointWithFireBrigade: input.jointWithFireBrigade,
    checklist: input.checklist.map((item) => ({ category: item.category, passed: item.passed, note: item.note.trim() })),
    recordedBy: actor.subject,
  });
  await em.flush();
  const created = hazards.map(({ hazard, description, deadline, responsible }) =>
    em.create(ElderHazard, {
      inspection,
      facility,
      villageCode: facility.villageCode,
      category: hazard.category,
      description,
      foundOn: inspectedOn,
      state: hazard.fixedOnSpot ? 'fixed_on_spot' : 'open',
      deadline,
      responsible,
      closedOn: hazard.fixedOnSpot ? inspectedOn : null,
    }),
  );
  await em.flush();
  audit(em, actor, {
    action: 'recordInspection',
    entity: 'elder_inspection',
    entityId: inspection.id,
    regionCode: facility.villageCode,
    after: { ...snapshot(inspection), hazards: created.map((h) => snapshot(h)) },
  });
  await em.flush();
  return { inspection, hazards: created };
}

/** A hazard taken for update, read after the lock, or NOT_FOUND (also outside the caller's scope). */
async function lockHazard(em: EntityManager, actor: Actor, id: number): Promise<ElderHazard> {
  const hazard = await lockRow(em, ElderHazard, { id });
  if (!hazard || !facilityInScope(actor, { id: hazard.facility.id, villageCode: hazard.villageCode })) throw notFound(actor, 'hazard', id);
  return hazard;
}

export interface RecordFollowUpInput {
  hazardId: number;
  visitedOn: string;
  rectified: boolean;
  note: string;
  /** When not rectified: a new deadline (on or after the visit), else the old one stays. */
  newDeadline?: string | null;
}

/**
 * A follow-up visit (回头看) to a hazard of the ledger: rectified closes it on the day of the visit;
 * not rectified keeps it open (with a new deadline if given). The visit cannot be before the hazard
 * was found, nor follow a hazard that is closed.
 */
export async function recordHazardFollowUp(em: EntityManager, actor: Actor, input: RecordFollowUpInput): Promise<ElderHazard> {
  assertCan(actor, 'inspectFacility');
  const hazard = await lockHazard(em, actor, input.hazardId);
  if (hazard.state !== 'open') {
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      `This hazard was closed on ${hazard.closedOn} (${hazard.state}): a follow-up is for open hazards.`,
    );
  }
  const visitedOn = assertPastDate(input.visitedOn, 'The date of the follow-up visit', {
    date: hazard.foundOn,
    what: 'the day the hazard was found',
  });
  let newDeadline: string | null = null;
  if (!input.rectified && input.newDeadline) {
    newDeadline = parseDate(input.newDeadline, 'The new deadline');
    if (newDeadline < visitedOn)
      throw new DomainError('INVALID_DATE', `The new deadline (${newDeadline}) is before the visit (${visitedOn}).`);
  }
  const followUp = em.create(HazardFollowUp, {
    hazard,
    visitedOn,
    rectified: input.rectified,
    note: input.note.trim(),
    recordedBy: actor.subject,
  });
  return auditedChange(
    em,
    actor,
    { action: 'recordHazardFollowUp', entity: 'elder_hazard', regionCode: hazard.villageCode },
    hazard,
    (h) => {
      if (input.rectified) {
        h.state = 'rectified';
        h.closedOn = visitedOn;
      } else if (newDeadline) {
        h.deadline = newDeadline;
      }
    },
    { followUp: { visitedOn, rectified: input.rectified, note: followUp.note } },
  );
}

/** Whether a hazard is overdue on a date: still open after its deadline. */
export function isOverdue(hazard: Pick<ElderHazard, 'state' | 'deadline'>, on: string = today()): boolean {
  return hazard.state === 'open' && hazard.deadline != null && hazard.deadline < on;
}
