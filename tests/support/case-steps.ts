import {
  acceptApplication,
  addDays,
  investigateApplication,
  publicizeApplication,
  setStandard,
  submitApplication,
  today,
  verifyApplication,
  type EntityManager,
  type MikroORM,
} from '@xingfu/domain';
import { ADMIN } from './ledger-fixture.js';

/** Case work done through the domain services, each step a transaction of its own, by a county administrator of 济阳区. */
export function caseSteps(orm: MikroORM) {
  const run = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);
  return {
    run,
    /** The first village of a town (仁风镇 by default). */
    async village(town = '370115104'): Promise<string> {
      const rows = await orm.em
        .fork()
        .execute<{ code: string }[]>(`select code from region where parent_code = ? order by code limit 1`, [town]);
      return rows[0]!.code;
    },
    /** Rural standards of 济阳区 from 2025-01 (fen per person and month). */
    async ruralStandards(amounts: Record<string, number>): Promise<void> {
      for (const [programCode, amountFen] of Object.entries(amounts)) {
        await run((em) =>
          setStandard(em, ADMIN, { programCode, countyCode: '370115', areaType: 'rural', effectiveMonth: '2025-01', amountFen }),
        );
      }
    },
    /** An application applied for 20 days ago, taken up to its public notice, which ran its days. */
    async publicized(input: { householdId: number; programCode: string; personId?: number; requestedAmountFen?: number }): Promise<number> {
      const application = await run((em) =>
        submitApplication(em, ADMIN, {
          householdId: input.householdId,
          programCode: input.programCode,
          personId: input.personId ?? null,
          channel: 'town_station',
          appliedOn: addDays(today(), -20),
        }),
      );
      await run((em) => acceptApplication(em, ADMIN, application.id));
      await run((em) =>
        verifyApplication(em, ADMIN, {
          applicationId: application.id,
          incomes: [],
          ...(input.requestedAmountFen ? { requestedAmountFen: input.requestedAmountFen } : {}),
        }),
      );
      await run((em) => investigateApplication(em, ADMIN, application.id, '入户核实'));
      await run((em) => publicizeApplication(em, ADMIN, application.id, addDays(today(), -10)));
      return application.id;
    },
  };
}
