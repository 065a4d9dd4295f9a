import { Referral, type EntityManager } from '@xingfu/domain';
import { loaderOfMany } from '../context/loader-factories.js';

/** The read model of referrals: a household's referrals, one statement per page of households. */
export function createReferralsByHouseholdLoader(em: EntityManager) {
  return loaderOfMany(em, Referral, 'household');
}
