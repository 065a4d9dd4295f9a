import type { Rng } from '../random/prng.js';
import type { RowBuffer } from '../load/tables.js';
import { addDays, workStamp } from './calendar.js';
import type { LedgerContext, Role } from './context.js';
import { SYNTHETIC_MARK, ageOf, type HouseholdRec, type PersonRec } from './population.js';

export type ApplicationStatus = 'applied' | 'accepted' | 'verified' | 'investigated' | 'publicized' | 'approved' | 'rejected';
export type Channel = 'county_centre' | 'town_station' | 'grid_worker' | 'app';

const PATH: ApplicationStatus[] = ['applied', 'accepted', 'verified', 'investigated', 'publicized'];

export interface IncomeRow {
  personId: number | null;
  kind: 'wage' | 'business' | 'pension' | 'transfer' | 'property' | 'informal' | 'other';
  monthlyFen: number;
  laborCoefficient: number | null;
}

/** The figures recorded at verification (核对). */
export interface Assessment {
  householdSize: number;
  coveredMembers: number;
  singlePerson: boolean;
  rigidExpensesFen: number;
  financialAssetsFen: number;
  countedIncomeFen: number | null;
  perCapitaIncomeFen: number | null;
  assessedAmountFen: number | null;
  tier: string | null;
  incomes: IncomeRow[];
}

export interface ApplicationSpec {
  household: HouseholdRec;
  program: string;
  person: PersonRec | null;
  channel: Channel;
  /** Where the case ended (or stands now). */
  status: ApplicationStatus;
  /** For rejections: the last step reached before the rejection. */
  rejectedAfter?: 'accepted' | 'verified' | 'investigated' | 'publicized';
  /** The date of the last step (the decision for approved and rejected cases). */
  lastDate: string;
  reason: string;
  decisionReason?: string;
  assessment: Assessment | null;
  investigationNotes: string;
  objection?: { content: string; upheld: boolean | null; resolution: string };
  /** Per-case programs move fast (救急难): steps a day apart. */
  fast: boolean;
  /**
   * 秒批 (尊老金 whose age the ID number proves): applied and approved the same moment, no
   * verification, investigation or 公示 (status approved; the assessment gives the tier and amount).
   */
  instant?: boolean;
  /** Write audit entries (steps taken during the ledger's period). */
  audited: boolean;
}

export interface WrittenApplication {
  id: number;
  appliedOn: string;
  decidedOn: string | null;
  verifiedOn: string | null;
}

/**
 * Writes an application with its events (one per step, by the role that takes it), its income
 * items, an objection when there was one, and audit entries for steps taken in the period.
 */
export function writeApplication(ctx: LedgerContext, rows: RowBuffer, rng: Rng, spec: ApplicationSpec): WrittenApplication {
  const id = ctx.ids.next('application');
  const village = spec.household.village;
  const steps: ApplicationStatus[] = spec.instant
    ? ['applied', 'approved']
    : spec.status === 'approved'
      ? [...PATH, 'approved']
      : spec.status === 'rejected'
        ? [...PATH.slice(0, PATH.indexOf(spec.rejectedAfter ?? 'verified') + 1), 'rejected']
        : PATH.slice(0, PATH.indexOf(spec.status) + 1);
  // Gaps before each step, in days, then dates counted back from the last step.
  const gaps = steps.map((step, i) => {
    if (i === 0 || spec.instant) return 0;
    if (spec.fast) return step === 'approved' || (step === 'rejected' && steps[i - 1] === 'publicized') ? 7 : rng.int(0, 2);
    switch (step) {
      case 'accepted':
        return rng.int(0, 3);
      case 'verified':
        return rng.int(3, 10);
      case 'investigated':
        return rng.int(2, 7);
      case 'publicized':
        return rng.int(1, 4);
      default:
        return steps[i - 1] === 'publicized' ? rng.int(7, 10) : rng.int(1, 5);
    }
  });
  const total = gaps.reduce((a, b) => a + b, 0);
  const dates: string[] = [];
  let date = addDays(spec.lastDate, -total);
  for (const gap of gaps) {
    date = addDays(date, gap);
    dates.push(date);
  }
  const dateOf = (status: ApplicationStatus) => dates[steps.indexOf(status)] ?? null;
  const stamps = dates.map((d) => workStamp(rng, d));
  // 秒批: approved in the request that applied
  if (spec.instant) stamps[1] = stamps[0]!;
  const submitter: [Role | 'app', string] =
    spec.channel === 'grid_worker'
      ? ['grid_worker', village.code]
      : spec.channel === 'town_station'
        ? ['town_clerk', village.townCode]
        : spec.channel === 'county_centre'
          ? ['county_admin', ctx.countyCode]
          : ['app', village.code];
  const submitterName = submitter[0] === 'app' ? `${SYNTHETIC_MARK}/app@${village.code}` : ctx.actor(submitter[0], submitter[1]);
  const clerk = ctx.actor('town_clerk', village.townCode);
  const actorFor = (step: ApplicationStatus): [string, Role, string] =>
    step === 'applied'
      ? [submitterName, submitter[0] === 'app' ? 'grid_worker' : submitter[0], submitter[1]]
      : step === 'approved' || (step === 'rejected' && spec.rejectedAfter === 'publicized')
        ? [ctx.admin, 'county_admin', ctx.countyCode]
        : [clerk, 'town_clerk', village.townCode];

  const verified = steps.includes('verified');
  // 秒批 records the household size, tier and amount (as instantSeniorAllowance does), nothing verified
  const a = verified || spec.instant ? spec.assessment : null;
  const checked = verified ? a : null;
  const publicityStart = dateOf('publicized');
  const decided = spec.status === 'approved' || spec.status === 'rejected' ? dates[dates.length - 1]! : null;
  rows.add('application', [
    id,
    spec.household.id,
    spec.program,
    spec.person?.id ?? null,
    ctx.countyCode,
    village.code,
    spec.channel,
    spec.status,
    dates[0]!,
    spec.reason,
    a?.householdSize ?? null,
    a?.coveredMembers ?? null,
    a?.singlePerson ?? false,
    checked ? checked.rigidExpensesFen : null,
    checked ? checked.financialAssetsFen : null,
    checked?.countedIncomeFen ?? null,
    checked?.perCapitaIncomeFen ?? null,
    a?.assessedAmountFen ?? null,
    a?.tier ?? null,
    steps.includes('investigated') ? spec.investigationNotes : null,
    publicityStart,
    publicityStart ? addDays(publicityStart, 7) : null,
    spec.status === 'rejected' ? (spec.decisionReason ?? '不符合条件') : null,
    decided,
    submitterName,
    stamps[0]!,
    stamps[stamps.length - 1]!,
    spec.instant ?? false,
  ]);
  if (checked) {
    for (const income of checked.incomes) {
      rows.add('application_income', [
        ctx.ids.next('application_income'),
        id,
        income.personId,
        income.kind,
        income.monthlyFen,
        income.laborCoefficient === null ? null : income.laborCoefficient.toFixed(2),
        0,
      ]);
    }
  }
  steps.forEach((step, i) => {
    const [actor, role, region] = actorFor(step);
    const note =
      step === 'applied'
        ? spec.reason
        : step === 'investigated'
          ? spec.investigationNotes
          : step === 'rejected'
            ? (spec.decisionReason ?? '')
            : spec.instant
              ? `秒批：${a?.tier ?? ''}周岁档，无需公示`
              : '';
    rows.add('application_event', [ctx.ids.next('application_event'), id, i === 0 ? null : steps[i - 1]!, step, actor, stamps[i]!, note]);
    if (spec.audited) {
      const action = spec.instant
        ? step === 'applied'
          ? 'submitApplication'
          : 'instantApproval'
        : step === 'applied'
          ? 'submitApplication'
          : `${{ accepted: 'accept', verified: 'verify', investigated: 'investigate', publicized: 'publicize', approved: 'approve', rejected: 'reject' }[step]}Application`;
      ctx.audit(rows, {
        at: stamps[i]!,
        actor,
        role,
        actorRegion: region,
        action,
        entity: 'application',
        entityId: id,
        region: village.code,
        before: i === 0 ? null : { status: steps[i - 1] },
        after: { status: step, programCode: spec.program },
      });
    }
  });
  if (spec.objection && publicityStart) {
    const raised = addDays(publicityStart, rng.int(1, 6));
    const resolved = spec.objection.upheld === null ? null : addDays(raised, rng.int(1, 3));
    const objectionId = ctx.ids.next('objection');
    const recorder = ctx.actor('grid_worker', village.code);
    rows.add('objection', [
      objectionId,
      id,
      raised,
      spec.objection.content,
      spec.objection.upheld,
      spec.objection.upheld === null ? null : spec.objection.resolution,
      resolved,
      recorder,
    ]);
    if (spec.audited) {
      ctx.audit(rows, {
        at: workStamp(rng, raised),
        actor: recorder,
        role: 'grid_worker',
        actorRegion: village.code,
        action: 'recordObjection',
        entity: 'objection',
        entityId: objectionId,
        region: village.code,
        after: { applicationId: id },
      });
      if (resolved) {
        ctx.audit(rows, {
          at: workStamp(rng, resolved),
          actor: ctx.admin,
          role: 'county_admin',
          actorRegion: ctx.countyCode,
          action: 'resolveObjection',
          entity: 'objection',
          entityId: objectionId,
          region: village.code,
          after: { upheld: spec.objection.upheld },
        });
      }
    }
  }
  return { id, appliedOn: dates[0]!, decidedOn: decided, verifiedOn: dateOf('verified') };
}

/**
 * Income items adding up exactly to `counted`: pensions for the elderly, informal work estimated
 * with a labour coefficient of 0.5 for working-age members, support from relatives for the rest.
 */
export function incomeItems(rng: Rng, members: readonly PersonRec[], counted: number, onDate: string): IncomeRow[] {
  const items: IncomeRow[] = [];
  let left = counted;
  for (const person of members) {
    if (left <= 0) break;
    const age = ageOf(person, onDate);
    if (age >= 60) {
      const part = Math.min(left, rng.int(120, 260) * 100);
      items.push({ personId: person.id, kind: 'pension', monthlyFen: part, laborCoefficient: null });
      left -= part;
    } else if (age >= 18 && age < 60 && !person.disabilityLevel) {
      const part = Math.min(left, rng.int(150, 900) * 100);
      items.push({ personId: person.id, kind: 'informal', monthlyFen: part * 2, laborCoefficient: 0.5 });
      left -= part;
    }
  }
  if (left > 0) items.push({ personId: null, kind: 'transfer', monthlyFen: left, laborCoefficient: null });
  return items;
}
