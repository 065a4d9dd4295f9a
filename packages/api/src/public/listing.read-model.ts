import { DomainError, formatFen, type EntityManager } from '@xingfu/domain';
import type { ListedHouseholdConnection, ListedHouseholdType, PublicityNoticeConnection } from './public.types.js';

/**
 * The 幸福清单 through the public API (docs/disclosure.md, "The 幸福清单"): one village, the month
 * the release lists for its county (its latest released month), one page of households at a time
 * by public id. No query returns a county's or a town's rows, or more than one page.
 */
export const LISTING_MAX_PAGE_SIZE = 50;
export const LISTING_DEFAULT_PAGE_SIZE = 20;

/** Cursors carry the last public id of a page (10 characters of [2-9a-z] from newPublicId; 16 at most in the table). */
const CURSOR = /^pid:[0-9a-z]{1,16}$/;

export function listingCursor(publicId: string): string {
  return Buffer.from(`pid:${publicId}`).toString('base64url');
}

function afterPublicId(after: string | null | undefined): string {
  if (after === null || after === undefined) return '';
  const decoded = after.length <= 64 ? Buffer.from(after, 'base64url').toString() : '';
  if (!CURSOR.test(decoded)) {
    throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API gave out: pass pageInfo.endCursor unchanged.');
  }
  return decoded.slice(4);
}

export interface ListingPageArgs {
  releaseId: string;
  village: string;
  month: string;
  first?: number | null;
  after?: string | null;
}

export async function readListingPage(em: EntityManager, args: ListingPageArgs): Promise<ListedHouseholdConnection> {
  const first = args.first ?? LISTING_DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > LISTING_MAX_PAGE_SIZE) {
    throw new DomainError(
      'INVALID_PAGE_SIZE',
      `first must be between 1 and ${LISTING_MAX_PAGE_SIZE}: the 幸福清单 is read page by page; follow pageInfo.endCursor.`,
    );
  }
  const after = afterPublicId(args.after);
  const [listed] = await em.execute<{ month: string | null }[]>(
    `select to_char(max(month), 'YYYY-MM') as month from release_period where release_id = ? and county_code = ?`,
    [args.releaseId, args.village.slice(0, 6)],
  );
  if (!listed?.month) {
    throw new DomainError('NOT_FOUND', `Release ${args.releaseId} publishes no month of the county ${args.village.slice(0, 6)}.`, {
      regionCode: args.village.slice(0, 6),
    });
  }
  if (listed.month !== args.month) {
    throw new DomainError(
      'NOT_FOUND',
      `Release ${args.releaseId} lists ${listed.month}, its latest released month of this county: ask for that month, or name an earlier release (releaseId) for an earlier month's list.`,
      { month: listed.month },
    );
  }
  const rows = await em.execute<
    {
      public_id: string;
      masked_name: string;
      covered_members: number;
      program_code: string;
      name: string;
      amount_fen: string;
      year_to_date_fen: string;
    }[]
  >(
    `with page as (
       select distinct l.public_id from listing_row l
       join release_program p on p.release_id = l.release_id and p.code = l.program_code and p.disclosure = 'listed'
       where l.release_id = ? and l.village_code = ? and l.month = to_date(?, 'YYYY-MM') and l.public_id > ?
       order by l.public_id limit ?
     )
     select l.public_id, l.masked_name, l.covered_members, l.program_code, p.name, l.amount_fen::text, l.year_to_date_fen::text
     from listing_row l
     join page on page.public_id = l.public_id
     join release_program p on p.release_id = l.release_id and p.code = l.program_code and p.disclosure = 'listed'
     where l.release_id = ? and l.village_code = ? and l.month = to_date(?, 'YYYY-MM')
     order by l.public_id, p.sort_order`,
    [args.releaseId, args.village, args.month, after, first + 1, args.releaseId, args.village, args.month],
  );
  const households = new Map<string, ListedHouseholdType & { totalFen: bigint; ytdFen: bigint }>();
  for (const r of rows) {
    const row = households.get(r.public_id) ?? {
      publicId: r.public_id,
      maskedName: r.masked_name,
      villageCode: args.village,
      coveredMembers: 0,
      programs: [],
      total: '',
      totalYearToDate: '',
      totalFen: 0n,
      ytdFen: 0n,
    };
    row.coveredMembers = Math.max(row.coveredMembers, r.covered_members);
    row.programs.push({
      programCode: r.program_code,
      programName: r.name,
      amount: formatFen(BigInt(r.amount_fen)),
      yearToDate: formatFen(BigInt(r.year_to_date_fen)),
    });
    row.totalFen += BigInt(r.amount_fen);
    row.ytdFen += BigInt(r.year_to_date_fen);
    households.set(r.public_id, row);
  }
  const nodes = [...households.values()].map(({ totalFen, ytdFen, ...row }) => ({
    ...row,
    total: formatFen(totalFen),
    totalYearToDate: formatFen(ytdFen),
  }));
  const edges = nodes.slice(0, first).map((node) => ({ cursor: listingCursor(node.publicId), node }));
  return { edges, pageInfo: { hasNextPage: nodes.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Cursors of the 公示 pages carry the notice's place in its town (release_publicity.seq). */
const NOTICE_CURSOR = /^seq:\d{1,9}$/;

export interface PublicityPageArgs {
  releaseId: string;
  town: string;
  first?: number | null;
  after?: string | null;
}

/**
 * The 公示 of a town as a release froze it (release_publicity): one page at a time, in village
 * order, with the same page sizes as the 幸福清单. Per town only: no county-wide form.
 */
export async function readPublicityPage(em: EntityManager, args: PublicityPageArgs): Promise<PublicityNoticeConnection> {
  const first = args.first ?? LISTING_DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > LISTING_MAX_PAGE_SIZE) {
    throw new DomainError('INVALID_PAGE_SIZE', `first must be between 1 and ${LISTING_MAX_PAGE_SIZE}: follow pageInfo.endCursor.`);
  }
  let after = 0;
  if (args.after !== null && args.after !== undefined) {
    const decoded = args.after.length <= 64 ? Buffer.from(args.after, 'base64url').toString() : '';
    if (!NOTICE_CURSOR.test(decoded)) {
      throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API gave out: pass pageInfo.endCursor unchanged.');
    }
    after = Number(decoded.slice(4));
  }
  const rows = await em.execute<
    {
      seq: number;
      village_code: string;
      masked_name: string;
      household_size: number;
      program_code: string;
      name: string;
      amount_fen: string | null;
      publicity_start: string;
      publicity_end: string;
    }[]
  >(
    `select n.seq, n.village_code, n.masked_name, n.household_size, n.program_code, p.name, n.amount_fen::text,
            to_char(n.publicity_start, 'YYYY-MM-DD') as publicity_start, to_char(n.publicity_end, 'YYYY-MM-DD') as publicity_end
     from release_publicity n
     join release_program p on p.release_id = n.release_id and p.code = n.program_code and p.disclosure = 'listed'
     where n.release_id = ? and n.town_code = ? and n.seq > ?
     order by n.seq limit ?`,
    [args.releaseId, args.town, after, first + 1],
  );
  const edges = rows.slice(0, first).map((r) => ({
    cursor: Buffer.from(`seq:${r.seq}`).toString('base64url'),
    node: {
      villageCode: r.village_code,
      maskedName: r.masked_name,
      householdSize: r.household_size,
      programCode: r.program_code,
      programName: r.name,
      proposedAmount: r.amount_fen === null ? null : formatFen(BigInt(r.amount_fen)),
      publicityStart: r.publicity_start,
      publicityEnd: r.publicity_end,
    },
  }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
