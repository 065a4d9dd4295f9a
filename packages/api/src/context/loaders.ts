import {
  Application,
  ApplicationEvent,
  ApplicationIncome,
  Household,
  Objection,
  Program,
  reviewStatistics,
  type EntityManager,
  type ReviewStatistics,
} from '@xingfu/domain';
import DataLoader from 'dataloader';
import type { PreparedReads } from './prepared-reads.js';
import { createReferralsByHouseholdLoader } from '../referral/referral.read-model.js';
import { createRegionByCodeLoader, createRegionsByParentLoader } from '../region/region.read-model.js';
import { loaderByKey, loaderOfMany } from './loader-factories.js';
import { createElderCareLoaders } from '../eldercare/eldercare.read-model.js';
import { createCurrentMembersLoader, createPersonRowLoader } from '../household/household.read-model.js';
import {
  createEnrollmentRowLoader,
  createEnrollmentsByHouseholdLoader,
  createRecentPaymentsLoader,
} from '../payroll/payroll.read-model.js';

export type { HouseholdRow, MemberRow, PersonRow } from '../household/household.read-model.js';
export { RECENT_PAYMENTS, type EnrollmentRow, type PaymentRow } from '../payroll/payroll.read-model.js';

/** Per-request loaders: one batched query per relation and level of a response. */
export function createLoaders(em: EntityManager, reads: PreparedReads) {
  return {
    regionByCode: createRegionByCodeLoader(em),
    regionsByParent: createRegionsByParentLoader(em),
    programByCode: loaderByKey<Program, string>(em, Program, 'code'),
    personById: createPersonRowLoader(em, reads),
    householdById: loaderByKey<Household, number>(em, Household, 'id'),
    applicationById: loaderByKey<Application, number>(em, Application, 'id'),
    enrollmentById: createEnrollmentRowLoader(em, reads),
    currentMembersByHousehold: createCurrentMembersLoader(em, reads),
    enrollmentsByHousehold: createEnrollmentsByHouseholdLoader(em, reads),
    applicationsByHousehold: loaderOfMany(em, Application, 'household'),
    eventsByApplication: loaderOfMany(em, ApplicationEvent, 'application'),
    incomesByApplication: loaderOfMany(em, ApplicationIncome, 'application'),
    objectionsByApplication: loaderOfMany(em, Objection, 'application'),
    recentPaymentsByEnrollment: createRecentPaymentsLoader(em, reads),
    referralsByHousehold: createReferralsByHouseholdLoader(em),
    reviewStatisticsByCampaign: new DataLoader<number, ReviewStatistics | null>(async (ids) => {
      const stats = await reviewStatistics(em, ids);
      return ids.map((id) => stats.get(id) ?? null);
    }),
    elderCare: createElderCareLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
