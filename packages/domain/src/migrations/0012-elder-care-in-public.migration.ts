import { Migration } from '@mikro-orm/migrations';

/**
 * Elder care in public (docs/eldercare.md, "In public"): the release tables its public figures
 * are frozen into when a release is cut (disclosure/elder-care-figures.ts). Releases cut before
 * this migration publish no elder care; the next release does.
 */
export class ElderCareInPublicMigration extends Migration {
  override name = '0012-elder-care-in-public';

  override up(): void {
    this.addSql(`create table release_elder_facility (
      release_id varchar(20) not null references disclosure_release (id) on delete cascade,
      county_code varchar(12) not null,
      facility_id integer not null,
      kind elder_facility_kind not null,
      name varchar(100) not null,
      operator varchar(100) not null,
      town_code varchar(12) not null,
      village_code varchar(12) not null,
      opened_on date not null,
      closed_on date,
      star_rating smallint,
      star_rated_on date,
      beds integer,
      occupied_beds integer,
      certified_caregivers integer,
      capacity_recorded_on date,
      primary key (release_id, facility_id)
    )`);
    this.addSql(`create index release_elder_facility_county_index on release_elder_facility (release_id, county_code)`);
    this.addSql(`create table release_elder_inspection (
      release_id varchar(20) not null references disclosure_release (id) on delete cascade,
      county_code varchar(12) not null,
      inspection_id integer not null,
      facility_id integer not null,
      inspected_on date not null,
      joint_with_fire_brigade boolean not null,
      category hazard_category not null,
      passed boolean,
      hazards_found integer not null,
      fixed_on_spot integer not null,
      rectified integer not null,
      still_open integer not null,
      overdue integer not null,
      primary key (release_id, inspection_id, category)
    )`);
    this.addSql(`create index release_elder_inspection_county_index on release_elder_inspection (release_id, county_code, inspected_on)`);
    this.addSql(`create index release_elder_inspection_facility_index on release_elder_inspection (release_id, facility_id)`);
    this.addSql(`create table release_elder_service (
      release_id varchar(20) not null references disclosure_release (id) on delete cascade,
      county_code varchar(12) not null,
      region_code varchar(12) not null,
      year smallint not null,
      persons_served integer not null,
      eligible_persons integer,
      modifications_planned integer not null,
      modifications_in_progress integer not null,
      modifications_completed integer not null,
      modification_target integer,
      primary key (release_id, region_code, year)
    )`);
  }

  override down(): void {
    this.addSql('drop table if exists release_elder_service, release_elder_inspection, release_elder_facility');
  }
}
