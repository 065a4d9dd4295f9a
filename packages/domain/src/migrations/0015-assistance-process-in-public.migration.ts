import { Migration } from '@mikro-orm/migrations';

/**
 * Data-driven assistance in public, the remaining figures (docs/cross-checks.md, "Public
 * figures"): per county and year of a release's months, frozen when it is cut
 * (assistance-process-figures.ts) — applications by program and channel with those approved by
 * 秒批; the median days from application to decision by program and decision; 社会大救助
 * referrals by department and outcome with the amounts granted.
 */
export class AssistanceProcessInPublicMigration extends Migration {
  override name = '0015-assistance-process-in-public';

  override up(): void {
    for (const sql of STATEMENTS) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table if exists release_referral, release_decision_time, release_application_channel');
  }
}

const STATEMENTS = [
  `create table release_application_channel (
     release_id varchar(20) not null references disclosure_release (id) on delete cascade,
     county_code varchar(12) not null,
     year integer not null,
     program_code varchar(40) not null,
     channel varchar(20) not null,
     disclosure disclosure_policy not null,
     applications integer not null check (applications > 0),
     instant integer not null check (instant between 0 and applications),
     primary key (release_id, county_code, year, program_code, channel)
   )`,
  `create table release_decision_time (
     release_id varchar(20) not null references disclosure_release (id) on delete cascade,
     county_code varchar(12) not null,
     year integer not null,
     program_code varchar(40) not null,
     decision varchar(10) not null check (decision in ('approved', 'rejected')),
     disclosure disclosure_policy not null,
     cases integer not null check (cases > 0),
     median_days numeric(7, 1) not null check (median_days >= 0),
     primary key (release_id, county_code, year, program_code, decision)
   )`,
  `create table release_referral (
     release_id varchar(20) not null references disclosure_release (id) on delete cascade,
     county_code varchar(12) not null,
     year integer not null,
     department varchar(30) not null,
     outcome varchar(10) not null check (outcome in ('granted', 'refused', 'pending')),
     cases integer not null check (cases > 0),
     amount_fen bigint not null check (amount_fen >= 0),
     primary key (release_id, county_code, year, department, outcome)
   )`,
];
