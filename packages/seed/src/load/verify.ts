import { DomainError } from '@xingfu/domain';
import type pg from 'pg';
import type { TableName } from './tables.js';

/** Every foreign key of the tables the generator writes: table, column, referenced table and key. */
const REFERENCES: readonly [TableName, string, string, string][] = [
  ['household', 'county_code', 'region', 'code'],
  ['household', 'village_code', 'region', 'code'],
  ['household_member', 'household_id', 'household', 'id'],
  ['household_member', 'person_id', 'person', 'id'],
  ['application', 'household_id', 'household', 'id'],
  ['application', 'person_id', 'person', 'id'],
  ['application', 'program_code', 'program', 'code'],
  ['application', 'village_code', 'region', 'code'],
  ['application_income', 'application_id', 'application', 'id'],
  ['application_income', 'person_id', 'person', 'id'],
  ['application_event', 'application_id', 'application', 'id'],
  ['objection', 'application_id', 'application', 'id'],
  ['enrollment', 'program_code', 'program', 'code'],
  ['enrollment', 'household_id', 'household', 'id'],
  ['enrollment', 'person_id', 'person', 'id'],
  ['enrollment', 'application_id', 'application', 'id'],
  ['enrollment', 'village_code', 'region', 'code'],
  ['enrollment', 'previous_enrollment_id', 'enrollment', 'id'],
  ['payroll_batch', 'program_code', 'program', 'code'],
  ['payment', 'batch_id', 'payroll_batch', 'id'],
  ['payment', 'enrollment_id', 'enrollment', 'id'],
  ['payment', 'household_id', 'household', 'id'],
  ['payment', 'person_id', 'person', 'id'],
  ['payment', 'program_code', 'program', 'code'],
  ['review_campaign', 'county_code', 'region', 'code'],
  ['review_task', 'campaign_id', 'review_campaign', 'id'],
  ['review_task', 'enrollment_id', 'enrollment', 'id'],
  ['review_task', 'household_id', 'household', 'id'],
  ['review_task', 'new_enrollment_id', 'enrollment', 'id'],
];

/**
 * When the load runs with the row-by-row foreign-key triggers off (a superuser's
 * `session_replication_role = replica`, several times faster), the same references are checked
 * here, set-based, on the rows just loaded (ids above `idStart`). A dangling reference fails the
 * load, and the transaction rolls back.
 */
export async function verifyReferences(client: pg.ClientBase, idStart: ReadonlyMap<TableName, number>): Promise<void> {
  for (const [table, column, target, key] of REFERENCES) {
    const result = await client.query<{ n: string }>(
      `select count(*)::text as n from ${table} c where c.id > $1 and c.${column} is not null
         and not exists (select 1 from ${target} r where r.${key} = c.${column})`,
      [idStart.get(table) ?? 0],
    );
    const dangling = Number(result.rows[0]?.n ?? 0);
    if (dangling > 0) {
      throw new DomainError(
        'INVALID_INPUT',
        `The generated ${table}.${column} has ${dangling} references to missing ${target} rows: nothing was loaded.`,
      );
    }
  }
}
