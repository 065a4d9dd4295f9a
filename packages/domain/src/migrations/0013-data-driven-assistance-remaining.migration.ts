import { Migration } from '@mikro-orm/migrations';

/**
 * Data-driven assistance, the remaining parts (docs/cross-checks.md): what adjusting a hit paid
 * back for the months already paid at the wrong amount (beside what it recovered); 临时救助
 * 先行救助 — a county's ceiling of aid granted first, the mark of an application paid first, at
 * most one such application under way per household × program, and at most one reversal
 * (recovery) per application beside its one payment; the public figures of data-driven
 * assistance a release freezes (release_assistance_figure).
 */
export class DataDrivenAssistanceRemainingMigration extends Migration {
  override name = '0013-data-driven-assistance-remaining';

  override up(): void {
    for (const sql of STATEMENTS) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table if exists release_assistance_figure');
    this.addSql('drop index if exists payment_one_recovery_per_application, application_one_open_advance');
    this.addSql('drop index if exists payment_one_per_application');
    this.addSql('create unique index payment_one_per_application on payment (application_id)');
    this.addSql('alter table application drop column if exists advance');
    this.addSql('drop table if exists county_setting');
    this.addSql('alter table cross_check_hit drop column if exists back_paid_fen');
  }
}

const STATEMENTS = [
  `alter table cross_check_hit add column back_paid_fen bigint not null default 0 check (back_paid_fen >= 0)`,
  // a county's settings: the most a town may grant first as 临时救助 / 急难救助 (先行救助)
  `create table county_setting (
     county_code varchar(12) primary key references region (code),
     advance_aid_ceiling_fen bigint not null check (advance_aid_ceiling_fen between 1 and 100000000),
     updated_by varchar(100) not null,
     updated_at timestamptz not null default now()
   )`,
  // 先行救助: paid when it was submitted, reviewed afterwards through the normal steps
  `alter table application add column advance boolean not null default false`,
  `create unique index application_one_open_advance on application (household_id, program_code)
     where advance and status not in ('approved', 'rejected')`,
  // a case is paid once (one_off) and reversed at most once (recovery), both naming the application
  `drop index payment_one_per_application`,
  `create unique index payment_one_per_application on payment (application_id) where kind = 'one_off'`,
  `create unique index payment_one_recovery_per_application on payment (application_id) where kind = 'recovery'`,
  // public figures of data-driven assistance, per county and year, frozen into each release
  `create table release_assistance_figure (
     release_id varchar(20) not null references disclosure_release (id) on delete cascade,
     county_code varchar(12) not null,
     year integer not null,
     figure varchar(20) not null check (figure in ('cross_check_hit', 'outreach', 'fast_track')),
     code varchar(40) not null,
     outcome varchar(20) not null,
     disclosure disclosure_policy not null,
     cases integer not null check (cases >= 0),
     amount_fen bigint not null default 0,
     primary key (release_id, county_code, year, figure, code, outcome)
   )`,
];
