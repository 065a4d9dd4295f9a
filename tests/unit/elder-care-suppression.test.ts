import { publishElderServiceCounts, publishInstitutionFigures, publishOccupancy } from '@xingfu/domain';
import { describe, expect, it } from 'vitest';

/**
 * Elder care's public figures go through the one suppression policy (docs/eldercare.md, "In
 * public"): institutions, beds, caregivers and hazards are published as they are; occupied beds,
 * persons served and households modified count people and are suppressed from 1 to 10, with a
 * partner in every published sum (towns → county, facilities → town).
 */
const services = (regionCode: string, personsServed: number, modificationsCompleted = 0, eligiblePersons: number | null = null) => ({
  regionCode,
  personsServed,
  modificationsPlanned: 0,
  modificationsInProgress: 0,
  modificationsCompleted,
  eligiblePersons,
});

describe('elder care’s suppression', () => {
  it('publishes institutions, beds, caregivers and hazards of any size, small ones too', () => {
    expect(publishInstitutionFigures({ facilities: 1, beds: 3, overdue: 2 })).toEqual({ facilities: 1, beds: 3, overdue: 2 });
  });

  it('suppresses a town serving 1 to 10 persons at home and a second town with it, keeps the county and its coverage', () => {
    const published = publishElderServiceCounts([
      services('320922', 1554, 27, 1558),
      services('320922100', 1000, 20),
      services('320922101', 549, 7),
      services('320922102', 5, 0),
    ]);
    expect(published.map((p) => p.personsServed)).toEqual([1554, 1000, null, null]);
    expect(published[0]!.coverage).toBe(99.74);
    // 7 completed in a town: suppressed, with a partner (the zero town cannot be one)
    expect(published.map((p) => p.modificationsCompleted)).toEqual([27, null, null, 0]);
    expect(published.slice(1).every((p) => p.coverage === null)).toBe(true);
  });

  it('suppresses the coverage with the persons served of a county of 1 to 10', () => {
    expect(publishElderServiceCounts([services('320922', 8, 0, 100)])[0]).toMatchObject({ personsServed: null, coverage: null });
  });

  it('suppresses a facility’s 1 to 10 occupied beds and its occupancy, and a partner among its town’s facilities', () => {
    const published = publishOccupancy([
      { key: '370115', town: null, beds: 300, occupiedBeds: 206 },
      { key: '370115104', town: null, beds: 300, occupiedBeds: 206 },
      { key: '370115104#1', town: '370115104', beds: 20, occupiedBeds: 6 },
      { key: '370115104#2', town: '370115104', beds: 180, occupiedBeds: 120 },
      { key: '370115104#3', town: '370115104', beds: 100, occupiedBeds: 80 },
    ]);
    // the partner: the smallest non-zero cell of the line
    expect(published.map((p) => p.occupiedBeds)).toEqual([206, 206, null, 120, null]);
    expect(published.map((p) => p.occupancy)).toEqual([68.67, 68.67, null, 66.67, null]);
  });
});
