/**
 * Site-wide settings, read at build time.
 *
 * - XINGFU_SITE_DEMO: the data is the synthetic demo data (示例数据) unless this is "0"; every page
 *   then carries the 示例数据 banner. A bureau publishing its real ledger sets XINGFU_SITE_DEMO=0.
 * - XINGFU_SITE_RELEASES: how many of the newest releases are built in full under
 *   /releases/{id}/ (default 3). Older releases keep their entry and changelog on /releases/.
 * - XINGFU_SITE_URL: the public origin (e.g. https://xingfu.example.gov.cn), used in citations;
 *   empty: citations give the path only.
 * - XINGFU_SITE_LISTING_PAGE_SIZE: households per happinessList request when the build reads a
 *   village's 幸福清单, 1 to 50 (default 50, the API's largest page).
 */
export const DEMO = process.env.XINGFU_SITE_DEMO !== '0';

const releasesSetting = Number(process.env.XINGFU_SITE_RELEASES ?? '3');
export const RELEASES_BUILT = Number.isInteger(releasesSetting) && releasesSetting >= 1 ? releasesSetting : 3;

/** The public API's largest happinessList page (packages/api/src/public/listing-page.ts). */
const LISTING_MAX_PAGE_SIZE = 50;
const pageSetting = Number(process.env.XINGFU_SITE_LISTING_PAGE_SIZE ?? LISTING_MAX_PAGE_SIZE);
export const LISTING_PAGE_SIZE =
  Number.isInteger(pageSetting) && pageSetting >= 1 && pageSetting <= LISTING_MAX_PAGE_SIZE ? pageSetting : LISTING_MAX_PAGE_SIZE;

export const SITE_URL = (process.env.XINGFU_SITE_URL ?? '').replace(/\/$/, '');

export const SITE_NAME = '幸福清单';

export const LICENCE = {
  name: '知识共享署名 4.0 国际许可协议（CC BY 4.0）',
  nameEn: 'Creative Commons Attribution 4.0 International (CC-BY-4.0)',
  id: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
};

/** Cells whose household count is at most this are suppressed (counted-only programs). */
export const SUPPRESSION_THRESHOLD = 10;

/** Releases are cut monthly, once a month's payroll is approved. */
export const CADENCE = '每月一次（当月发放名册审批完成后发布）';
