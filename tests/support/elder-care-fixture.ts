import {
  addDays,
  recordCapacity,
  recordHomeService,
  recordInspection,
  registerFacility,
  setElderCareTarget,
  today,
  type MikroORM,
} from '@xingfu/domain';
import { ADMIN } from './ledger-fixture.js';

export interface ElderCareFixture {
  /** 测试敬老院: 80 beds, 60 occupied, 7 certified caregivers; inspected with an open, overdue fire hazard and one fixed on the spot. */
  homeId: number;
  /** 测试幸福院: no beds, never inspected. */
  happinessHomeId: number;
}

/**
 * Elder care of a county through the domain services, for tests of the public side: a home in
 * `village` with its capacity and a joint inspection (a fire hazard in the ledger, overdue since
 * `inspectedOn` + 10 days, and a gas hazard fixed on the spot), a 幸福院 beside it, a home service
 * for `persons` in `month`, and the county's target for the month's year.
 */
export async function buildElderCare(
  orm: MikroORM,
  options: { village: string; month: string; persons: number[] },
): Promise<ElderCareFixture> {
  const run = <T>(work: Parameters<typeof orm.em.transactional<T>>[0]) => orm.em.fork().transactional(work);
  const county = options.village.slice(0, 6);
  const home = await run((em) =>
    registerFacility(em, ADMIN, {
      kind: 'public_home',
      name: '测试敬老院',
      operator: '镇人民政府',
      villageCode: options.village,
      openedOn: '2020-01-01',
    }),
  );
  const happiness = await run((em) =>
    registerFacility(em, ADMIN, {
      kind: 'rural_happiness_home',
      name: '测试幸福院',
      operator: '村民委员会',
      villageCode: options.village,
      openedOn: '2021-03-01',
    }),
  );
  await run((em) =>
    recordCapacity(em, ADMIN, {
      facilityId: home.id,
      recordedOn: addDays(today(), -1),
      beds: 80,
      occupiedBeds: 60,
      staff: 20,
      caregivers: { level5: 5, level4: 2, level3: 0, level2: 0, level1: 0 },
    }),
  );
  const inspectedOn = `${options.month}-03`;
  await run((em) =>
    recordInspection(em, ADMIN, {
      facilityId: home.id,
      inspectedOn,
      team: '县民政局、县消防救援大队联合检查组',
      jointWithFireBrigade: true,
      checklist: [
        { category: 'fire', passed: false, note: '' },
        { category: 'gas', passed: false, note: '' },
        { category: 'food', passed: true, note: '' },
      ],
      hazards: [
        { category: 'fire', description: '灭火器过期', fixedOnSpot: false, deadline: addDays(inspectedOn, 10), responsible: '王院长' },
        { category: 'gas', description: '燃气软管老化', fixedOnSpot: true },
      ],
    }),
  );
  for (const personId of options.persons) {
    await run((em) => recordHomeService(em, ADMIN, { personId, month: options.month, kind: 'meal', times: 4 }));
  }
  await run((em) =>
    setElderCareTarget(em, ADMIN, {
      countyCode: county,
      year: Number(options.month.slice(0, 4)),
      eligiblePersons: 500,
      modificationTarget: 20,
    }),
  );
  return { homeId: home.id, happinessHomeId: happiness.id };
}
