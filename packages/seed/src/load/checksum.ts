import { createHash } from 'node:crypto';
import pg from 'pg';

/** Each ledger table with the filter that selects a county's rows. */
const COUNTY_FILTERS: readonly [table: string, filter: string][] = [
  ['standard', 'county_code = $1'],
  ['household', 'county_code = $1'],
  ['person', 'id in (select m.person_id from household_member m join household h on h.id = m.household_id where h.county_code = $1)'],
  ['household_member', 'household_id in (select id from household where county_code = $1)'],
  ['application', 'county_code = $1'],
  ['application_income', 'application_id in (select id from application where county_code = $1)'],
  ['application_event', 'application_id in (select id from application where county_code = $1)'],
  ['objection', 'application_id in (select id from application where county_code = $1)'],
  ['enrollment', 'county_code = $1'],
  ['payroll_batch', 'county_code = $1'],
  ['payment', 'county_code = $1'],
  ['review_campaign', 'county_code = $1'],
  ['review_task', 'campaign_id in (select id from review_campaign where county_code = $1)'],
  ['audit_entry', 'starts_with(region_code, $1)'],
];

export interface LedgerChecksum {
  /** md5 over the tables' checksums. */
  checksum: string;
  tables: Record<string, { rows: number; md5: string }>;
}

/**
 * A checksum over a county's ledger: every row of every table (all columns, ids included), in id
 * order, hashed in buckets of 100 000 ids so that no single string grows with the table.
 */
export async function ledgerChecksum(client: pg.ClientBase, countyCode: string): Promise<LedgerChecksum> {
  const tables: LedgerChecksum['tables'] = {};
  for (const [table, filter] of COUNTY_FILTERS) {
    const result = await client.query<{ rows: string; md5: string | null }>(
      `select coalesce(sum(n), 0)::text as rows, md5(string_agg(h, '' order by b)) as md5 from (
         select t.id / 100000 as b, count(*) as n, md5(string_agg(t::text, E'\\n' order by t.id)) as h
         from ${table} t where ${filter} group by 1) x`,
      [countyCode],
    );
    const row = result.rows[0];
    tables[table] = { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? '' };
  }
  const hash = createHash('md5');
  for (const [table, { rows, md5 }] of Object.entries(tables)) hash.update(`${table}:${rows}:${md5}\n`);
  return { checksum: hash.digest('hex'), tables };
}

/** `ledgerChecksum` on a connection of its own. */
export async function ledgerChecksumAt(databaseUrl: string, countyCode: string): Promise<LedgerChecksum> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await ledgerChecksum(client, countyCode);
  } finally {
    await client.end();
  }
}
