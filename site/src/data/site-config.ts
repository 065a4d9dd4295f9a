/**
 * Site-wide settings, read at build time.
 *
 * - XINGFU_SITE_DEMO: the data is the synthetic demo data (示例数据) unless this is "0"; every page
 *   then carries the 示例数据 banner. A bureau publishing its real ledger sets XINGFU_SITE_DEMO=0.
 * - XINGFU_SITE_PREBUILT: release ids whose /releases/{id}/ copy is already built (the CLI keeps
 *   them from the previous build and copies them back): not built again. Every other release is
 *   built in full; no release is ever dropped.
 * - XINGFU_SITE_URL: the canonical public origin (e.g. https://xingfu.example.gov.cn) of every
 *   citation and datapackage homepage; default http://127.0.0.1:4321, where `pnpm start` serves
 *   the site (the CLI passes its configured value, see docs/site.md).
 * - XINGFU_SITE_PUBLIC_API_URL: the public GraphQL endpoint's address for readers (developers' page).
 * - XINGFU_SITE_LISTING_PAGE_SIZE: households per happinessList request when the build reads a
 *   village's 幸福清单, 1 to 50 (default 50, the API's largest page).
 */
export const DEMO = process.env.XINGFU_SITE_DEMO !== '0';

export const PREBUILT_RELEASES = new Set((process.env.XINGFU_SITE_PREBUILT ?? '').split(',').filter(Boolean));

/** The public API's largest happinessList page (packages/api/src/public/listing-page.ts). */
const LISTING_MAX_PAGE_SIZE = 50;
const pageSetting = Number(process.env.XINGFU_SITE_LISTING_PAGE_SIZE ?? LISTING_MAX_PAGE_SIZE);
export const LISTING_PAGE_SIZE =
  Number.isInteger(pageSetting) && pageSetting >= 1 && pageSetting <= LISTING_MAX_PAGE_SIZE ? pageSetting : LISTING_MAX_PAGE_SIZE;

/** The default canonical origin: the address `pnpm start` serves the site on. */
export const DEFAULT_SITE_URL = 'http://127.0.0.1:4321';
export const SITE_URL = (process.env.XINGFU_SITE_URL || DEFAULT_SITE_URL).replace(/\/$/, '');

/**
 * XINGFU_SITE_PUBLIC_API_URL: the public GraphQL endpoint as readers reach it, shown on the
 * developers' page; default the site's origin + /public/graphql when XINGFU_SITE_URL is given (the
 * default origin is the site server's, not the API's: then the page names the path only).
 */
export const PUBLIC_API_URL = process.env.XINGFU_SITE_PUBLIC_API_URL ?? (process.env.XINGFU_SITE_URL ? `${SITE_URL}/public/graphql` : '');

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
