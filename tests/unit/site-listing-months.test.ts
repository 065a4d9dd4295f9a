import { describe, expect, it } from 'vitest';
import { listingMonths } from '../../site/src/lib/periods.js';

/** Past months' 幸福清单 on a village page: the release copies that show them. */
const months = (county: string, ...list: string[]) => list.map((month) => ({ countyCode: county, month }));
const SITE = {
  // newest first, as the public API lists them
  releases: [
    { id: 'r4', asOf: '2024-03-10', note: '' },
    { id: 'r3', asOf: '2024-02-10', note: '' },
    { id: 'r2', asOf: '2024-01-20', note: '' },
    { id: 'r1', asOf: '2024-01-10', note: '' },
  ],
  releasedMonths: new Map([
    ['r1', [...months('370115', '2023-10', '2023-11', '2023-12'), ...months('320922', '2023-12')]],
    ['r2', months('370115', '2023-10', '2023-11', '2023-12')], // a correction of December
    ['r3', months('370115', '2023-10', '2023-11', '2023-12', '2024-01')],
    ['r4', [...months('370115', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02'), ...months('320922', '2023-12', '2024-01')]],
  ]),
};

describe('past months of a village’s 幸福清单', () => {
  it('are the newest month of each release up to the page’s own, each with the newest release that shows it', () => {
    expect(listingMonths(SITE, 'r4', '370115')).toEqual([
      { month: '2024-02', releaseId: 'r4' },
      { month: '2024-01', releaseId: 'r3' },
      { month: '2023-12', releaseId: 'r2' },
    ]);
    expect(listingMonths(SITE, 'r4', '320922')).toEqual([
      { month: '2024-01', releaseId: 'r4' },
      { month: '2023-12', releaseId: 'r1' },
    ]);
  });

  it('never name a later release, so a release’s copy stays as it was', () => {
    expect(listingMonths(SITE, 'r2', '370115')).toEqual([{ month: '2023-12', releaseId: 'r2' }]);
    expect(listingMonths(SITE, 'r1', '370115')).toEqual([{ month: '2023-12', releaseId: 'r1' }]);
  });
});
