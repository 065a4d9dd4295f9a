import { ageOf } from './population.js';
import { type BlockState } from './block-state.js';

/** Grown children moving out to households of their own (分户) during the year. */
export function generateSplits(s: BlockState): void {
  const rng = s.rng.fork('splits');
  for (const household of s.ordinary) {
    if (!rng.chance(0.06)) continue;
    const child = household.members.find(
      (m) =>
        m.end === null &&
        m.relation === 'child' &&
        !m.person.disabilityLevel &&
        !s.taken.has(m.person) &&
        ageOf(m.person, `${s.cal.year}-01-01`) >= 20,
    );
    if (!child) continue;
    const earliest = child.start > `${s.cal.year}-01-01` ? s.cal.indexOf(child.start) + 1 : 0;
    if (earliest > 11) continue;
    const moved = s.pop.recordSplit(rng, household, child.person, s.cal.randomDateIn(rng, rng.int(earliest, 11)), s.ctx.pickVillage(rng));
    s.households.push(moved);
  }
}
