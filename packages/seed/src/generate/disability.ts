import { WeightedPicker } from '../random/prng.js';
import { addDays, workStamp } from './calendar.js';
import { ageOf } from './population.js';
import { type BlockState } from './block-state.js';

const LEVELS = new WeightedPicker([1, 2, 3, 4], [15, 25, 30, 30]);

/**
 * Disability subsidies: persons paid all year, and a few who join or leave (new certificate,
 * death, moving away) so that the paid months meet the calibrated total.
 */
export function generateDisability(s: BlockState): void {
  const rng = s.rng.fork('disability');
  const q = s.quota;
  const pickLevel = (severe: boolean) => (severe ? rng.int(1, 2) : LEVELS.pick(rng));
  // Partial-year persons, each missing some months, adding up to the deficit.
  const partials = (persons: number, personMonths: number | null): number[] => {
    let deficit = personMonths === null ? Math.round(persons * 0.3) : 12 * persons - personMonths;
    const list: number[] = [];
    while (deficit > 0 && list.length < persons) {
      const missing = Math.min(deficit, rng.int(1, 11));
      list.push(missing);
      deficit -= missing;
    }
    return list;
  };
  const ownHousehold = (severe: boolean) => {
    const registeredOn = addDays(`${s.cal.year}-01-01`, -rng.int(400, 3000));
    const { household, members } = s.household(rng, registeredOn, rng.int(1, 4), 'any');
    s.ordinary.push(household);
    const person = rng.pick(members.filter((m) => ageOf(m, registeredOn) >= 3));
    s.pop.setDisability(rng, person, pickLevel(severe));
    return { household, person };
  };
  const partialEnrollment = (program: string, missing: number, severe: boolean, reason: string) => {
    const kind = rng.float();
    if (kind < 0.45) {
      const { household, person } = ownHousehold(severe);
      s.personEnrollment(rng, program, household, person, missing, { reason });
    } else {
      const { household, person } = ownHousehold(severe);
      const e = s.personEnrollment(rng, program, household, person, s.preYearMonth(rng, 60), { reason });
      const last = 11 - missing;
      if (kind < 0.9) s.endByDeath(rng, household, person, [e], last, 0.25);
      else {
        const date = s.cal.randomDateIn(rng, last);
        s.pop.recordMoveAway(household, date);
        e.end = last;
        e.exit = 'moved_away';
        e.endedAt = workStamp(rng, date);
      }
    }
  };
  const livingReason = '困难残疾人，家庭经济困难';
  const careReason = '一级、二级重度残疾人，需长期照护';

  // 生活补贴 in 低保 households (stable ones, paid all year)
  const candidates = rng.shuffle(
    s.dibaoCases
      .filter((c) => c.stable)
      .flatMap((c) => c.members.slice(0, c.covered).map((person) => ({ household: c.household, person })))
      .filter((x) => ageOf(x.person, `${s.cal.year}-01-01`) >= 16),
  );
  const inDibao = candidates.slice(0, Math.min(q.livingInDibao, q.living.persons));
  const bothInDibao = Math.min(q.both, Math.round(inDibao.length * 0.4));
  inDibao.forEach(({ household, person }, i) => {
    s.taken.add(person);
    if (!person.disabilityLevel) s.pop.setDisability(rng, person, pickLevel(i < bothInDibao));
    else if (i < bothInDibao) person.disabilityLevel = Math.min(person.disabilityLevel, 2);
    s.personEnrollment(rng, 'disability_living', household, person, s.preYearMonth(rng, 60), { reason: livingReason });
    if (i < bothInDibao) s.personEnrollment(rng, 'disability_care', household, person, s.preYearMonth(rng, 60), { reason: careReason });
  });
  const livingPartials = partials(
    q.living.persons - inDibao.length,
    q.living.personMonths === null ? null : q.living.personMonths - 12 * inDibao.length,
  );
  const livingFull = q.living.persons - inDibao.length - livingPartials.length;
  const bothOwn = Math.min(q.both - bothInDibao, livingFull);
  for (let i = 0; i < livingFull; i++) {
    const severe = i < bothOwn;
    const { household, person } = ownHousehold(severe);
    s.personEnrollment(rng, 'disability_living', household, person, s.preYearMonth(rng, 60), { reason: livingReason });
    if (severe) s.personEnrollment(rng, 'disability_care', household, person, s.preYearMonth(rng, 60), { reason: careReason });
  }
  for (const missing of livingPartials) partialEnrollment('disability_living', missing, false, livingReason);

  // 护理补贴: the severely disabled above, dispersed 特困 persons, and others
  const both = bothInDibao + bothOwn;
  const inTekun = s.tekunCareCandidates.slice(0, Math.max(0, Math.min(q.careInTekun, q.care.persons - both)));
  for (const { household, person } of inTekun) {
    if (!person.disabilityLevel || person.disabilityLevel > 2) s.pop.setDisability(rng, person, rng.int(1, 2));
    s.personEnrollment(rng, 'disability_care', household, person, s.preYearMonth(rng, 60), { reason: careReason });
  }
  const careRest = q.care.persons - both - inTekun.length;
  const carePartials = partials(careRest, q.care.personMonths === null ? null : q.care.personMonths - 12 * (both + inTekun.length));
  for (let i = 0; i < careRest - carePartials.length; i++) {
    const { household, person } = ownHousehold(true);
    s.personEnrollment(rng, 'disability_care', household, person, s.preYearMonth(rng, 60), { reason: careReason });
  }
  for (const missing of carePartials) partialEnrollment('disability_care', missing, true, careReason);
}
