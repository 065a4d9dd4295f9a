import { ReviewCampaign, ReviewTask, type EntityManager } from '@xingfu/domain';
import { keysetPage } from '../context/columns.js';

/** The read model of re-reviews: campaigns of a county, a campaign by key, a page of its tasks. */
export function reviewCampaignsOf(em: EntityManager, countyCode: string): Promise<ReviewCampaign[]> {
  return em.find(ReviewCampaign, { county: countyCode }, { orderBy: { periodStart: 'desc' } });
}

export function reviewCampaignById(em: EntityManager, id: number): Promise<ReviewCampaign | null> {
  return em.findOne(ReviewCampaign, { id });
}

export function reviewTaskPage(em: EntityManager, campaign: ReviewCampaign, region: string, window: { limit: number; afterId: number }) {
  return keysetPage(em, ReviewTask, { campaign, villageCode: { $like: `${region}%` } }, window);
}
