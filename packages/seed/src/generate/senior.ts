import { addDays, stamp } from './calendar.js';
import type { Channel } from './casework.js';
import type { BlockState } from './block-state.js';
import type { HouseholdRec, PersonRec } from './population.js';

/**
 * 尊老金 by age tier: 80, 90, 100; a tier birthday during the year moves the person to the next
 * tier. A preset may name the year's newcomers (people turning 80, approved during the year from
 * a month on) and the share of applications made in the app from the month it opened
 * (`SeniorSpec.appShare`, `appFrom`); without them, everyone applies in the app and 8 % of the
 * persons turn 80 during the year.
 */
export function generateSenior(s: BlockState): void {
  const rng = s.rng.fork('senior');
  const spec = s.ctx.preset.senior;
  const jan1 = `${s.cal.year}-01-01`;
  const appFrom = spec?.appFrom ? s.cal.indexOf(`${spec.appFrom}-01`) : 0;
  // the app's share, exact: the k-th application since the app opened is made in it when ⌊k·share⌋ grows
  let sinceApp = 0;
  let inApp = 0;
  const channelFor = (start: number): Channel => {
    if (spec?.appShare === undefined) return 'app';
    if (start < appFrom) return 'town_station';
    sinceApp++;
    if (Math.floor(sinceApp * spec.appShare) <= inApp) return 'town_station';
    inApp++;
    return 'app';
  };
  const youngShare = spec?.newcomers === undefined ? 0.08 : 0;
  for (let i = 0; i < s.quota.senior; i++) {
    const r = rng.float();
    const age = r < youngShare ? 79 : r < 0.9 ? rng.int(80, 89) : r < 0.99 ? rng.int(90, 99) : rng.int(100, 104);
    const registeredOn = addDays(jan1, -rng.int(300, 4000));
    const { household, members } = s.household(rng, registeredOn, rng.int(1, 3), 'elderly');
    s.ordinary.push(household);
    const person = members[0]!;
    // make the head the right age
    const birth = s.pop.birthDateFor(rng, age, person.sex);
    senior(s, rng, household, person, birth, age, channelFor);
  }
  // newcomers: turning 80 in a month from the app's opening on, approved the month after
  const fresh = s.rng.fork('senior-newcomers');
  for (let i = 0; i < s.quota.seniorNewcomers; i++) {
    const registeredOn = addDays(jan1, -fresh.int(300, 4000));
    const { household, members } = s.household(fresh, registeredOn, fresh.int(1, 3), 'elderly');
    s.ordinary.push(household);
    const person = members[0]!;
    const month = fresh.int(Math.max(appFrom - 1, 0), 10);
    let birth = `${s.cal.year - 80}-${String(month + 1).padStart(2, '0')}-${String(fresh.int(1, 28)).padStart(2, '0')}`;
    for (let k = 0; k < 400 && !s.ctx.idNumbers.hasRoom(birth, person.sex); k++) birth = addDays(birth, 1);
    senior(s, fresh, household, person, birth, 79, channelFor);
  }
}

/** One person's 尊老金: the application, the enrollment, a tier change and a death during the year. */
function senior(
  s: BlockState,
  rng: BlockState['rng'],
  household: HouseholdRec,
  person: PersonRec,
  birth: string,
  age: number,
  channelFor: (start: number) => Channel,
): void {
  person.birthDate = birth;
  person.idNumber = s.ctx.idNumbers.allocate(birth, person.sex);
  const tierOf = (years: number) => (years >= 100 ? '100' : years >= 90 ? '90' : '80');
  const birthday = (years: number) => `${Number(birth.slice(0, 4)) + years}${birth.slice(4)}`;
  const monthAfter = (years: number) => s.cal.indexOf(birthday(years).replace(/-02-29$/, '-02-28')) + 1;
  let tier = tierOf(Math.max(age, 80));
  let start = age === 79 ? monthAfter(80) : monthAfter(Number(tier));
  if (start > 11) return;
  // made in the app: 秒批 (the ID number proves the age); at a town station: the seven steps, fast
  const channel = channelFor(start);
  let e = s.personEnrollment(rng, 'senior_allowance', household, person, start, {
    tier,
    channel,
    reason: '身份证号码核验年龄，秒批秒办',
    fast: true,
    instant: channel === 'app',
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
