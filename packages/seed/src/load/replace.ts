import type pg from 'pg';
import { ADDRESS_PREFIX, SYNTHETIC_MARK } from '../generate/population.js';

/**
 * Deletes a county's generated data (示例数据): households whose address carries the mark and
 * everything hanging off them, and the payroll batches, campaigns and audit entries written by
 * the generator's actors. Data entered by staff stays. Runs inside the caller's transaction.
 */
export async function deleteGeneratedData(client: pg.ClientBase, countyCode: string): Promise<number> {
  const actor = `${SYNTHETIC_MARK}/%`;
  const address = `${ADDRESS_PREFIX}%`;
  let deleted = 0;
  // Deleting a referenced row makes PostgreSQL look for rows referring to it; where no index serves
  // that lookup it scans the table once per row. A superuser skips those per-row triggers (the
  // cascades are spelled out below); otherwise temporary indexes serve them.
  const superuser = await client.query<{ s: boolean }>('select rolsuper as s from pg_roles where rolname = current_user');
  const fast = superuser.rows[0]?.s === true;
  const temporaryIndexes = [
    'payment (enrollment_id)',
    'payment (person_id)',
    'enrollment (previous_enrollment_id)',
    'enrollment (person_id)',
    'enrollment (application_id)',
    'review_task (enrollment_id)',
    'review_task (new_enrollment_id)',
    'review_task (household_id)',
    'household_member (person_id)',
    'application (person_id)',
    'application_income (person_id)',
  ];
  // Ledger rows are frozen by triggers (migration 0005); this transaction may delete generated ones.
  await client.query("set local xingfu.writing_generated_data = 'on'");
  if (fast) await client.query('set local session_replication_role = replica');
  else for (const [i, on] of temporaryIndexes.entries()) await client.query(`create index seed_delete_${i} on ${on}`);
  const run = async (sql: string, params: unknown[]) => {
    const result = await client.query(sql, params);
    deleted += result.rowCount ?? 0;
  };
  await client.query(
    'create temp table seed_household on commit drop as select id from household where county_code = $1 and address like $2',
    [countyCode, address],
  );
  await client.query(
    'create temp table seed_person on commit drop as select distinct person_id as id from household_member where household_id in (select id from seed_household)',
  );
  await run(
    `delete from review_task where campaign_id in (select id from review_campaign where county_code = $1 and created_by like $2)
       or household_id in (select id from seed_household)`,
    [countyCode, actor],
  );
  await run('delete from review_campaign where county_code = $1 and created_by like $2', [countyCode, actor]);
  await run('delete from payment where county_code = $1 and (created_by like $2 or household_id in (select id from seed_household))', [
    countyCode,
    actor,
  ]);
  await run(
    'delete from payroll_batch b where county_code = $1 and generated_by like $2 and not exists (select 1 from payment p where p.batch_id = b.id)',
    [countyCode, actor],
  );
  await run('delete from enrollment where household_id in (select id from seed_household)', []);
  for (const table of ['application_income', 'application_event', 'objection']) {
    await run(
      `delete from ${table} where application_id in (select id from application where household_id in (select id from seed_household))`,
      [],
    );
  }
  await run('delete from application where household_id in (select id from seed_household)', []);
  await run('delete from household_member where household_id in (select id from seed_household)', []);
  await run(
    'delete from person p where p.id in (select id from seed_person) and not exists (select 1 from household_member m where m.person_id = p.id)',
    [],
  );
  await run('delete from household where id in (select id from seed_household)', []);
  await run('delete from audit_entry where starts_with(region_code, $1) and actor like $2', [countyCode, actor]);
  if (fast) await client.query('set local session_replication_role = origin');
  else for (const i of temporaryIndexes.keys()) await client.query(`drop index seed_delete_${i}`);
  return deleted;
}
