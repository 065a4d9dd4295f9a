import {
  acceptApplication,
  addDays,
  approveApplication,
  approvePayroll,
  generatePayroll,
  investigateApplication,
  publicizeApplication,
  registerHousehold,
  setStandard,
  submitApplication,
  today,
  verifyApplication,
  type Actor,
  type EntityManager,
  type MikroORM,
} from '@xingfu/domain';
import { idNumberFor } from './casework.js';

export const ADMIN: Actor = { subject: 'fixture', role: 'county_admin', regionCode: '370115' };

const HEADS = ['张建华', '王秀英', '李卫东', '刘桂芳', '陈志强', '杨淑珍', '赵国庆', '黄丽萍', '周德明', '吴春梅', '欧阳明华', '司马光'];
const SPOUSES = ['孙玉兰', '马红霞', '朱凤英', '胡秋菊', '郭翠华', '何美玲', '高玉珍', '林海燕', '罗素芬', '郑雪梅', '梁晓燕', '宋桂兰'];

export interface LedgerFixture {
  villages: string[];
  months: string[];
}

/**
 * A small real ledger in 济阳区 built through the domain services: 低保 households in five villages
 * of two towns, a few persons in 重度残疾护理补贴 (counted only, so small cells), 临时救助 cases,
 * three approved monthly payrolls.
 */
export async function buildLedger(orm: MikroORM, options: { households?: number } = {}): Promise<LedgerFixture> {
  const run = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);
  const towns = ['370115104', '370115005'];
  const villages: string[] = [];
  for (const town of towns) {
    const rows = await orm.em
      .fork()
      .execute<{ code: string }[]>(`select code from region where parent_code = ? order by code limit 3`, [town]);
    villages.push(...rows.map((r) => r.code));
  }
  villages.splice(5);
  for (const [programCode, amountFen] of [
    ['dibao_rural', 70000],
    ['disability_care', 10000],
  ] as const) {
    await run((em) =>
      setStandard(em, ADMIN, { programCode, countyCode: '370115', areaType: 'rural', effectiveMonth: '2025-01', amountFen }),
    );
  }
  const count = options.households ?? 24;
  for (let i = 0; i < count; i++) {
    const village = villages[i % villages.length]!;
    const household = await run((em) =>
      registerHousehold(em, ADMIN, {
        villageCode: village,
        areaType: 'rural',
        address: `某村${i + 1}号`,
        phone: `1380000${String(1000 + i)}`,
        members: [
          {
            idNumber: idNumberFor(`19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`),
            name: HEADS[i % HEADS.length]!,
            relation: 'head',
            phone: `1390000${String(1000 + i)}`,
          },
          {
            idNumber: idNumberFor(`19${52 + (i % 40)}-1${i % 3}-2${i % 9}`),
            name: SPOUSES[i % SPOUSES.length]!,
            relation: 'spouse',
            disabilityLevel: i % 3 === 0 ? 1 : null,
          },
        ],
      }),
    );
    const members = await orm.em
      .fork()
      .execute<{ id: number; disability_level: number | null }[]>(
        `select p.id, p.disability_level from household_member m join person p on p.id = m.person_id where m.household_id = ? order by p.id`,
        [household.id],
      );
    const lifecycle = async (
      programCode: string,
      personId: number | null,
      incomes: { kind: 'pension'; monthlyFen: number }[],
      amountFen?: number,
    ) => {
      const application = await run((em) =>
        submitApplication(em, ADMIN, {
          householdId: household.id,
          programCode,
          personId,
          channel: 'town_station',
          appliedOn: addDays(today(), -30),
        }),
      );
      await run((em) => acceptApplication(em, ADMIN, application.id));
      await run((em) =>
        verifyApplication(em, ADMIN, { applicationId: application.id, incomes, ...(amountFen ? { requestedAmountFen: amountFen } : {}) }),
      );
      await run((em) => investigateApplication(em, ADMIN, application.id, '入户核实'));
      await run((em) => publicizeApplication(em, ADMIN, application.id, addDays(today(), -8)));
      await run((em) => approveApplication(em, ADMIN, { applicationId: application.id, startMonth: '2026-01' }));
    };
    if (i % 4 !== 3) await lifecycle('dibao_rural', null, [{ kind: 'pension', monthlyFen: 5000 * (i % 5) }]);
    const disabled = members.find((m) => m.disability_level === 1);
    if (disabled) await lifecycle('disability_care', disabled.id, []);
    if (i % 6 === 0) await lifecycle('temporary_relief', null, [], 50000 + i * 100);
  }
  const months = ['2026-01', '2026-02', '2026-03'];
  for (const month of months) {
    for (const programCode of ['dibao_rural', 'disability_care']) {
      const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode, month }));
      await run((em) => approvePayroll(em, ADMIN, batch.id));
    }
  }
  return { villages, months };
}
