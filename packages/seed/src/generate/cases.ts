import type { Rng } from '../random/prng.js';
import { addDays, workStamp } from './calendar.js';
import { writeApplication } from './casework.js';
import { ageOf, type HouseholdRec, type PersonRec } from './population.js';
import { type BlockState, CHANNELS } from './block-state.js';

/** Per-case programs (临时救助, 殡葬, 助学, …): approved cases with their one-off payment, and rejections. */
export function generateCases(s: BlockState): void {
  const rng = s.rng.fork('cases');
  for (const { spec, cases, amountFen, rejected } of s.quota.cases) {
    const amounts = splitAmount(rng, cases, amountFen, spec.rangeYuan);
    const unit = ['temporary_relief', 'emergency_aid', 'dibao_edge', 'expenditure_hardship', 'charity_aid'].includes(spec.program)
      ? 'household'
      : 'person';
    const fast = ['temporary_relief', 'emergency_aid', 'funeral_waiver', 'eco_burial'].includes(spec.program);
    const stable = s.dibaoCases.filter((c) => c.stable);
    for (const amount of amounts) {
      let month = rng.int(0, 11);
      let household: HouseholdRec;
      let person: PersonRec | null = null;
      if (spec.program === 'funeral_waiver' || spec.program === 'eco_burial') {
        const dead = s.deceased.pop();
        if (dead) {
          household = dead.household;
          person = dead.person;
          month = dead.month;
        } else {
          const made = s.household(rng, addDays(`${s.cal.year}-01-01`, -rng.int(400, 4000)), 1, 'elderly');
          household = made.household;
          person = made.members[0]!;
          s.die(household, person, month, rng);
          s.deceased.pop();
        }
      } else if (stable.length > 0 && rng.chance(spec.assistedShare)) {
        const c = rng.pick(stable);
        household = c.household;
        person = unit === 'person' ? c.members[0]! : null;
      } else {
        const minors = spec.program === 'children_in_distress' || spec.program === 'student_aid';
        const made = s.household(
          rng,
          addDays(`${s.cal.year}-01-01`, -rng.int(100, 3000)),
          rng.int(minors ? 3 : 1, 5),
          minors ? 'working' : 'any',
        );
        household = made.household;
        s.ordinary.push(household);
        if (unit === 'person') {
          const children = made.members.filter((m) => ageOf(m, `${s.cal.year}-12-31`) < 18 && ageOf(m, `${s.cal.year}-01-01`) >= 1);
          person = minors && children.length > 0 ? rng.pick(children) : made.members[0]!;
        }
      }
      const decided = s.cal.randomDateIn(rng, month, person?.deceasedOn ? Math.min(Number(person.deceasedOn.slice(8)) + 1, 28) : 1, 28);
      const members = s.pop.currentMembers(household);
      const covered = unit === 'household' ? Math.max(members.length, 1) : 1;
      const written = writeApplication(s.ctx, s.rows, rng, {
        household,
        program: spec.program,
        person,
        channel: CHANNELS.pick(rng),
        status: 'approved',
        lastDate: decided,
        reason: rng.pick(spec.reasons),
        assessment: {
          householdSize: Math.max(members.length, 1),
          coveredMembers: covered,
          singlePerson: false,
          rigidExpensesFen: 0,
          financialAssetsFen: rng.int(0, 10) * 100_000,
          countedIncomeFen: null,
          perCapitaIncomeFen: null,
          assessedAmountFen: amount,
          tier: null,
          incomes: [],
        },
        investigationNotes: '入户调查：情况属实',
        fast,
        audited: true,
      });
      const paymentId = s.ctx.ids.next('payment');
      const at = workStamp(rng, decided);
      s.rows.add('payment', [
        paymentId,
        null,
        null,
        household.id,
        person?.id ?? null,
        spec.program,
        s.ctx.countyCode,
        household.village.code,
        s.cal.monthStart(month),
        'one_off',
        amount,
        covered,
        null,
        rng.pick(spec.reasons),
        s.ctx.admin,
        at,
        written.id,
      ]);
      s.ctx.counts.payments++;
      s.ctx.audit(s.rows, {
        at,
        actor: s.ctx.admin,
        role: 'county_admin',
        actorRegion: s.ctx.countyCode,
        action: 'recordOneOffPayment',
        entity: 'payment',
        entityId: paymentId,
        region: household.village.code,
        after: { programCode: spec.program, amountFen: amount, applicationId: written.id },
      });
    }
    for (let i = 0; i < rejected; i++) {
      const made = s.household(rng, addDays(`${s.cal.year}-01-01`, -rng.int(100, 3000)), rng.int(1, 5), 'working');
      s.ordinary.push(made.household);
      writeApplication(s.ctx, s.rows, rng, {
        household: made.household,
        program: spec.program,
        person: unit === 'person' ? made.members[0]! : null,
        channel: CHANNELS.pick(rng),
        status: 'rejected',
        rejectedAfter: 'verified',
        lastDate: s.cal.randomDateIn(rng, rng.int(0, 11)),
        reason: rng.pick(spec.reasons),
        decisionReason: '家庭经济状况不符合救助条件',
        assessment: {
          householdSize: made.members.length,
          coveredMembers: unit === 'household' ? made.members.length : 1,
          singlePerson: false,
          rigidExpensesFen: 0,
          financialAssetsFen: rng.int(20, 80) * 100_000,
          countedIncomeFen: null,
          perCapitaIncomeFen: null,
          assessedAmountFen: null,
          tier: null,
          incomes: [],
        },
        investigationNotes: '',
        fast,
        audited: true,
      });
    }
  }
}

/** `count` amounts in whole 10-yuan steps drawn in the range, scaled to add up exactly to `total`. */
function splitAmount(rng: Rng, count: number, total: number, [min, max]: [number, number]): number[] {
  if (count === 0) return [];
  const raw = Array.from({ length: count }, () => rng.int(min, max));
  const sum = raw.reduce((a, b) => a + b, 0);
  const amounts = raw.map((r) => Math.max(1000, Math.round((r * total) / sum / 1000) * 1000));
  let diff = total - amounts.reduce((a, b) => a + b, 0);
  for (let guard = 0; Math.abs(diff) >= 1000 && guard < 10 * count + 1000; guard++) {
    const i = rng.int(0, count - 1);
    const step = diff > 0 ? 1000 : -1000;
    if (amounts[i]! + step < 1000) continue;
    amounts[i]! += step;
    diff -= step;
  }
  amounts[0]! += diff;
  return amounts;
}
