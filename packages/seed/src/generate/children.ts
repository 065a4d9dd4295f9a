import { addDays } from './calendar.js';
import { type BlockState } from './block-state.js';

/** 孤儿 and 事实无人抚养儿童 allowances: a child raised by grandparents, paid at the standard. */
export function generateChildrenAllowances(s: BlockState): void {
  const rng = s.rng.fork('children');
  for (const { program, persons } of s.quota.children) {
    for (let i = 0; i < persons; i++) {
      const registeredOn = addDays(`${s.cal.year}-01-01`, -rng.int(200, 2500));
      const village = s.ctx.pickVillage(rng);
      const household = s.pop.newHousehold(rng, village, registeredOn);
      s.households.push(household);
      s.ordinary.push(household);
      const grandAge = rng.int(58, 78);
      const members = s.pop.populate(rng, household, [
        { relation: 'head', sex: 'male', age: grandAge },
        ...(rng.chance(0.6) ? [{ relation: 'spouse' as const, sex: 'female' as const, age: grandAge - rng.int(0, 5) }] : []),
        { relation: 'grandchild', sex: rng.chance(0.5) ? 'male' : 'female', age: rng.int(1, 15), headSurname: true },
      ]);
      const child = members[members.length - 1]!;
      const start = rng.chance(0.05) ? rng.int(1, 11) : s.preYearMonth(rng, 48);
      s.personEnrollment(rng, program, household, child, start, {
        reason: program === 'orphan_allowance' ? '父母双亡，由祖父母抚养' : '父母重残或服刑，事实无人抚养',
        channel: 'grid_worker',
      });
    }
  }
}
