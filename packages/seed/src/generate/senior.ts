import { addDays, stamp } from './calendar.js';
import { type BlockState } from './block-state.js';

/** 尊老金 by age tier: 80, 90, 100; a tier birthday during the year moves the person to the next tier. */
export function generateSenior(s: BlockState): void {
  const rng = s.rng.fork('senior');
  const jan1 = `${s.cal.year}-01-01`;
  for (let i = 0; i < s.quota.senior; i++) {
    const r = rng.float();
    const age = r < 0.08 ? 79 : r < 0.9 ? rng.int(80, 89) : r < 0.99 ? rng.int(90, 99) : rng.int(100, 104);
    const registeredOn = addDays(jan1, -rng.int(300, 4000));
    const { household, members } = s.household(rng, registeredOn, rng.int(1, 3), 'elderly');
    s.ordinary.push(household);
    const person = members[0]!;
    // make the head the right age
    const birth = s.pop.birthDateFor(rng, age, person.sex);
    person.birthDate = birth;
    person.idNumber = s.ctx.idNumbers.allocate(birth, person.sex);
    const tierOf = (years: number) => (years >= 100 ? '100' : years >= 90 ? '90' : '80');
    const birthday = (years: number) => `${Number(birth.slice(0, 4)) + years}${birth.slice(4)}`;
    const monthAfter = (years: number) => s.cal.indexOf(birthday(years).replace(/-02-29$/, '-02-28')) + 1;
    let tier = tierOf(Math.max(age, 80));
    let start = age === 79 ? monthAfter(80) : monthAfter(Number(tier));
    if (start > 11) continue;
    let e = s.personEnrollment(rng, 'senior_allowance', household, person, start, {
      tier,
      channel: 'app',
      reason: '身份证号码核验年龄，秒批秒办',
      fast: true,
    });
    const next = age === 89 ? 90 : age === 99 ? 100 : null;
    if (next !== null) {
      const change = monthAfter(next) - 1;
      if (change >= 0 && change <= 10) {
        e.end = change;
        e.exit = 'adjusted';
        const changedAt = stamp(s.cal.dateIn(change, 28), 10, 0);
        e.endedAt = changedAt;
        tier = String(next);
        const previous = e;
        start = change + 1;
        e = s.newEnrollment({
          program: 'senior_allowance',
          household,
          person,
          applicationId: previous.applicationId,
          rule: 'tiered',
          tier,
          covered: 1,
          start,
          createdAt: changedAt,
          previous,
        });
      }
    }
    if (rng.chance(0.07) && e.start < 11) s.endByDeath(rng, household, person, [e], rng.int(Math.max(e.start, 0), 11), 0.2);
  }
}
