import {
  Application,
  ApplicationEvent,
  ApplicationIncome,
  Enrollment,
  Household,
  HouseholdMember,
  Objection,
  Payment,
  Person,
  Program,
  reviewStatistics,
  type EntityManager,
  type ReviewStatistics,
} from '@xingfu/domain';
import DataLoader from 'dataloader';
import { createRegionByCodeLoader, createRegionsByParentLoader } from '../region/regions-by-parent.loader.js';
import { loaderByKey, loaderOfMany } from './loader-factories.js';

/** Payments shown under an enrollment: the most recent months. */
export const RECENT_PAYMENTS = 12;

/** The latest payments of many enrollments in one query (a window per enrollment). */
function createRecentPaymentsLoader(em: EntityManager) {
  return new DataLoader<number, Payment[]>(async (enrollmentIds) => {
    const rows = await em.execute<{ id: string }[]>(
      `select id from (
         select id, row_number() over (partition by enrollment_id order by month desc, id desc) as n
         from payment where enrollment_id = any(string_to_array(?, ',')::int[])
       ) ranked where n <= ?`,
      [enrollmentIds.join(','), RECENT_PAYMENTS],
    );
    const payments = await em.find(Payment, { id: { $in: rows.map((r) => Number(r.id)) } }, { orderBy: { month: 'desc', id: 'desc' } });
    const grouped = new Map<number, Payment[]>();
    for (const payment of payments) {
      const key = payment.enrollment!.id;
      grouped.set(key, [...(grouped.get(key) ?? []), payment]);
    }
    return enrollmentIds.map((id) => grouped.get(id) ?? []);
  });
}

/** Per-request loaders: one batched query per relation and level of a response. */
export function createLoaders(em: EntityManager) {
  return {
    regionByCode: createRegionByCodeLoader(em),
    regionsByParent: createRegionsByParentLoader(em),
    programByCode: loaderByKey<Program, string>(em, Program, 'code'),
    personById: loaderByKey<Person, number>(em, Person, 'id'),
    householdById: loaderByKey<Household, number>(em, Household, 'id'),
    applicationById: loaderByKey<Application, number>(em, Application, 'id'),
    enrollmentById: loaderByKey<Enrollment, number>(em, Enrollment, 'id'),
    currentMembersByHousehold: loaderOfMany(em, HouseholdMember, 'household', { where: { endDate: null } }),
    enrollmentsByHousehold: loaderOfMany(em, Enrollment, 'household', { orderBy: { startMonth: 'desc', id: 'desc' } }),
    applicationsByHousehold: loaderOfMany(em, Application, 'household'),
    eventsByApplication: loaderOfMany(em, ApplicationEvent, 'application'),
    incomesByApplication: loaderOfMany(em, ApplicationIncome, 'application'),
    objectionsByApplication: loaderOfMany(em, Objection, 'application'),
    recentPaymentsByEnrollment: createRecentPaymentsLoader(em),
    reviewStatisticsByCampaign: new DataLoader<number, ReviewStatistics | null>(async (ids) => {
      const stats = await reviewStatistics(em, ids);
      return ids.map((id) => stats.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
