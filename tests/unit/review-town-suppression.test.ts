import { publishCampaignTownCounts, type CampaignCounts } from '@xingfu/domain';
import { describe, expect, it } from 'vitest';

const counts = (policy: CampaignCounts['policy'], reviewed: number, cancelled = 0): CampaignCounts => ({
  policy,
  reviewedHouseholds: reviewed,
  cancelledHouseholds: cancelled,
  cancelledPersons: cancelled * 2,
  adjustedHouseholds: 0,
  adjustedPersons: 0,
  newlyApprovedHouseholds: 0,
  newlyApprovedPersons: 0,
});

describe('publishCampaignTownCounts', () => {
  it('suppresses a second town where one small town would be the county total minus the shown ones', () => {
    const towns = publishCampaignTownCounts(counts('counted', 100), [counts('counted', 60), counts('counted', 35), counts('counted', 5)]);
    expect(towns.map((t) => t.reviewedHouseholds)).toEqual([60, null, null]);
  });

  it('shows zeros and figures above 10, and never suppresses a listed program', () => {
    const towns = publishCampaignTownCounts(counts('counted', 40, 0), [counts('counted', 20), counts('counted', 20), counts('counted', 0)]);
    expect(towns.map((t) => [t.reviewedHouseholds, t.cancelledHouseholds])).toEqual([
      [20, 0],
      [20, 0],
      [0, 0],
    ]);
    const listed = publishCampaignTownCounts(counts('listed', 9, 3), [counts('listed', 6, 1), counts('listed', 3, 2)]);
    expect(listed.map((t) => [t.reviewedHouseholds, t.cancelledHouseholds, t.cancelledPersons])).toEqual([
      [6, 1, 2],
      [3, 2, 4],
    ]);
  });

  it('suppresses the persons with their households', () => {
    const [a, b] = publishCampaignTownCounts(counts('counted', 50, 30), [counts('counted', 25, 26), counts('counted', 25, 4)]);
    expect([a!.cancelledHouseholds, a!.cancelledPersons, b!.cancelledHouseholds, b!.cancelledPersons]).toEqual([null, null, null, null]);
  });
});
