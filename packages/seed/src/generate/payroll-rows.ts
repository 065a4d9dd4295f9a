import { stamp } from './calendar.js';
import { type PersonRec } from './population.js';
import { type BlockState } from './block-state.js';

/** The enrollments with their audit entries and corrections (补发, 追回). */
export function writeEnrollments(s: BlockState): void {
  for (const e of s.monthly) {
    const village = e.household.village;
    const ended = e.end !== null;
    s.rows.add('enrollment', [
      e.id,
      e.program,
      e.household.id,
      e.person?.id ?? null,
      e.applicationId,
      s.ctx.countyCode,
      village.code,
      e.area,
      e.rule,
      e.tier,
      e.covered,
      e.pci,
      e.fixed,
      s.cal.monthStart(e.start),
      ended ? s.cal.monthStart(e.end!) : null,
      ended ? 'ended' : 'active',
      e.exit,
      e.previous?.id ?? null,
      e.createdAt,
      e.endedAt ?? e.createdAt,
    ]);
    const base = {
      role: 'county_admin' as const,
      actor: s.ctx.admin,
      actorRegion: s.ctx.countyCode,
      entity: 'enrollment',
      entityId: e.id,
      region: village.code,
    };
    if (e.createdAt >= `${s.cal.year}-01-01`) {
      s.ctx.audit(s.rows, {
        ...base,
        at: e.createdAt,
        action: 'createEnrollment',
        after: { programCode: e.program, startMonth: s.cal.month(e.start), coveredMembers: e.covered },
      });
    }
    if (e.endedAt) {
      s.ctx.audit(s.rows, {
        ...base,
        at: e.endedAt,
        action: 'endEnrollment',
        before: { status: 'active' },
        after: { status: 'ended', endMonth: s.cal.month(e.end!), exitReason: e.exit },
      });
    }
    const corrections: ['back_pay' | 'recovery', number][] = [
      ...e.backPay.map((m) => ['back_pay', m] as ['back_pay', number]),
      ...e.recovery.map((m) => ['recovery', m] as ['recovery', number]),
    ];
    for (const [kind, month] of corrections) {
      const amount = s.amount(e, month);
      const at = kind === 'back_pay' ? e.createdAt : (e.endedAt ?? e.createdAt);
      const id = s.ctx.ids.next('payment');
      s.rows.add('payment', [
        id,
        null,
        e.id,
        e.household.id,
        e.person?.id ?? null,
        e.program,
        s.ctx.countyCode,
        village.code,
        s.cal.monthStart(month),
        kind,
        kind === 'recovery' ? -amount : amount,
        e.covered,
        null,
        e.correctionNote,
        s.ctx.admin,
        at,
        null,
      ]);
      s.ctx.counts.payments++;
      s.ctx.audit(s.rows, {
        ...base,
        at,
        action: kind === 'recovery' ? 'recordRecovery' : 'recordBackPay',
        entity: 'payment',
        entityId: id,
        after: { month: s.cal.month(month), amountFen: kind === 'recovery' ? -amount : amount },
      });
    }
  }
}

/** A month of the monthly payroll: every active enrollment at the standard in force. */
export function writePayments(s: BlockState, m: number): void {
  const month = s.cal.monthStart(m);
  const generated = s.ctx.batchStamps(m).generated;
  for (const e of s.monthly) {
    if (e.start > m || (e.end !== null && e.end < m)) continue;
    const amount = s.amount(e, m);
    if (amount <= 0) continue;
    const batch = s.ctx.batch(e.program, m);
    batch.count++;
    batch.total += BigInt(amount);
    s.rows.add('payment', [
      s.ctx.ids.next('payment'),
      batch.id,
      e.id,
      e.household.id,
      e.person?.id ?? null,
      e.program,
      s.ctx.countyCode,
      e.household.village.code,
      month,
      'regular',
      amount,
      e.covered,
      s.standard(e, m),
      '',
      s.ctx.admin,
      generated,
      null,
    ]);
    s.ctx.counts.payments++;
  }
}

export function writeRegistry(s: BlockState): void {
  const written = new Set<PersonRec>();
  for (const h of s.households) {
    s.rows.add('household', [
      h.id,
      h.publicId,
      s.ctx.countyCode,
      h.village.code,
      h.area,
      h.address,
      null,
      stamp(h.registeredOn, 9, 0),
      stamp(h.updatedOn, 9, 0),
    ]);
    s.ctx.counts.households++;
    for (const m of h.members) {
      const p = m.person;
      if (!written.has(p)) {
        written.add(p);
        s.rows.add('person', [
          p.id,
          p.idNumber,
          p.name,
          p.sex,
          p.birthDate,
          null,
          p.disabilityCategory,
          p.disabilityLevel,
          p.deceasedOn,
          stamp(p.createdOn, 9, 0),
          stamp(p.updatedOn, 9, 0),
        ]);
        s.ctx.counts.persons++;
      }
    }
  }
  // memberships: written after every person (a person who moved out belongs to two households)
  for (const h of s.households) {
    for (const m of h.members) s.rows.add('household_member', [m.id, h.id, m.person.id, m.relation, m.start, m.end]);
  }
}
