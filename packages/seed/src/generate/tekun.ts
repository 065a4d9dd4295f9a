import { addDays } from './calendar.js';
import { ADDRESS_PREFIX } from './population.js';
import { type BlockState } from './block-state.js';

/** 特困供养: persons living alone (集中 in the town's 敬老院 or 分散), entries and deaths during the year. */
export function generateTekun(s: BlockState): void {
  const q = s.quota.tekun;
  const rng = s.rng.fork('tekun');
  const share = s.ctx.preset.tekun.centralizedShare;
  for (let i = 0; i < q.persons; i++) {
    const entry = i < q.entries;
    const dies = !entry && i < q.entries + q.deaths;
    const centralized = rng.chance(share);
    const start = entry ? rng.int(1, 11) : s.preYearMonth(rng, 120);
    const registeredOn = addDays(s.cal.dateIn(start, 1), -rng.int(20, 60));
    const elderly = rng.chance(0.8);
    const { household, members } = s.household(
      rng,
      registeredOn,
      1,
      elderly ? 'elderly' : 'working',
      centralized ? `${ADDRESS_PREFIX}{town}敬老院（集中供养）` : undefined,
    );
    const person = members[0]!;
    if (!elderly) s.pop.setDisability(rng, person, rng.int(1, 2));
    const e = s.personEnrollment(rng, centralized ? 'tekun_centralized' : 'tekun_dispersed', household, person, start, {
      reason: elderly ? '老年人无劳动能力、无生活来源、无法定赡养义务人' : '重度残疾，无劳动能力、无生活来源',
    });
    if (dies) s.endByDeath(rng, household, person, [e], rng.int(0, 10), 0.3);
    else if (!centralized && !entry) s.tekunCareCandidates.push({ household, person });
  }
}
