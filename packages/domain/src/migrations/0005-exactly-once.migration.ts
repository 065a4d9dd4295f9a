import { Migration } from '@mikro-orm/migrations';

/**
 * The constraints behind "exactly once" (docs/decisions.md): whatever the application checks
 * under its row locks, the database refuses a second active enrollment, a second payment of a
 * case, a change to a frozen payroll batch and a recovery that takes back more than a month's net.
 * Guard triggers raise with a constraint name, so the domain maps them to typed errors like any
 * constraint. Also the store of idempotency keys.
 */
export class ExactlyOnceMigration extends Migration {
  override name = '0005-exactly-once';

  override up(): void {
    for (const sql of STATEMENTS) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table if exists idempotency_key');
    this.addSql('drop trigger if exists payroll_batch_frozen on payroll_batch');
    this.addSql('drop trigger if exists payment_frozen on payment');
    this.addSql('drop trigger if exists payment_month_net_not_negative on payment');
    this.addSql('drop function if exists payroll_batch_frozen(), payment_frozen(), payment_month_net_not_negative()');
    this.addSql('drop index if exists enrollment_one_active_household, enrollment_one_active_person, payment_one_per_application');
    this.addSql('drop index if exists review_campaign_county_name_unique');
    this.addSql(
      'alter table payment drop constraint if exists payment_one_off_has_application, drop constraint if exists payment_amount_bound',
    );
    this.addSql('alter table payment drop column if exists application_id');
  }
}

/** The demo-data loader sets this for its own transaction: it writes and replaces generated ledgers wholesale (`seed`, `seed --replace`). */
export const GENERATED_DATA_SETTING = 'xingfu.writing_generated_data';

const STATEMENTS = [
  // one active enrollment per household × program (household programs) and per person × program
  `create unique index enrollment_one_active_household on enrollment (household_id, program_code)
     where status = 'active' and person_id is null`,
  `create unique index enrollment_one_active_person on enrollment (person_id, program_code)
     where status = 'active' and person_id is not null`,

  // one payment per application (only one-off payments name their application)
  `alter table payment add column application_id integer references application (id)`,
  `create unique index payment_one_per_application on payment (application_id)`,
  // rows written before this migration have no application: checked from now on
  `alter table payment add constraint payment_one_off_has_application
     check (kind <> 'one_off' or application_id is not null) not valid`,
  `alter table payment add constraint payment_amount_bound check (amount_fen between -100000000 and 100000000)`,

  // an approved or paid batch is frozen: never deleted, never back to draft, its payments unchanged
  `create function payroll_batch_frozen() returns trigger language plpgsql as $$
   begin
     if current_setting('${GENERATED_DATA_SETTING}', true) = 'on' then
       return coalesce(new, old);
     end if;
     if tg_op = 'DELETE' and old.status <> 'draft' then
       raise exception 'payroll batch % is %', old.id, old.status
         using errcode = 'integrity_constraint_violation', constraint = 'payroll_batch_frozen';
     end if;
     if tg_op = 'UPDATE' and old.status <> 'draft' and (new.status = 'draft' or (old.status = 'paid' and new.status <> 'paid')
        or new.payment_count <> old.payment_count or new.total_fen <> old.total_fen or new.month <> old.month
        or new.county_code <> old.county_code or new.program_code <> old.program_code) then
       raise exception 'payroll batch % is %', old.id, old.status
         using errcode = 'integrity_constraint_violation', constraint = 'payroll_batch_frozen';
     end if;
     return coalesce(new, old);
   end $$`,
  `create trigger payroll_batch_frozen before update or delete on payroll_batch
     for each row execute function payroll_batch_frozen()`,
  `create function payment_frozen() returns trigger language plpgsql as $$
   begin
     if current_setting('${GENERATED_DATA_SETTING}', true) = 'on' then
       return coalesce(new, old);
     end if;
     if tg_op = 'UPDATE' then
       raise exception 'ledger row % is never updated', old.id
         using errcode = 'integrity_constraint_violation', constraint = 'payroll_batch_frozen';
     end if;
     if old.batch_id is null or exists (select 1 from payroll_batch b where b.id = old.batch_id and b.status <> 'draft') then
       raise exception 'ledger row % is frozen', old.id
         using errcode = 'integrity_constraint_violation', constraint = 'payroll_batch_frozen';
     end if;
     return old;
   end $$`,
  `create trigger payment_frozen before update or delete on payment
     for each row execute function payment_frozen()`,

  // a recovery never leaves a month's net below zero; the enrollment's row lock serialises
  // recoveries of one enrollment, so two racing recoveries cannot both pass
  `create function payment_month_net_not_negative() returns trigger language plpgsql as $$
   begin
     perform 1 from enrollment where id = new.enrollment_id for update;
     if (select sum(amount_fen) from payment where enrollment_id = new.enrollment_id and month = new.month) < 0 then
       raise exception 'recovery above the net of the month'
         using errcode = 'check_violation', constraint = 'payment_month_net_not_negative';
     end if;
     return null;
   end $$`,
  `create trigger payment_month_net_not_negative after insert on payment
     for each row when (new.kind = 'recovery') execute function payment_month_net_not_negative()`,

  // a campaign's name is unique in its county (a retried creation makes no second campaign)
  `create unique index review_campaign_county_name_unique on review_campaign (county_code, name)`,

  // idempotency keys (docs/api.md): the first answer to a keyed mutation, replayed to its retries
  `create table idempotency_key (
     subject varchar(100) not null,
     key varchar(255) not null,
     fingerprint char(64) not null,
     http_status smallint,
     response jsonb,
     created_at timestamptz not null default now(),
     completed_at timestamptz,
     primary key (subject, key)
   )`,
  `create index idempotency_key_created_index on idempotency_key (created_at)`,
];
