import { Migration } from '@mikro-orm/migrations';
import { REVIEW_STATISTIC_NAMES, REVIEW_STATISTICS } from '../review/review-statistics.js';

/**
 * 户籍人口 per county and town (region_population, loaded with the regions or by
 * `xingfu population import`), and the release tables that freeze it with the figures derived
 * from it (docs/disclosure.md, "Coverage and per-capita"); the re-review results per town
 * (release_review_town, every figure of review-statistics.ts); the applications under 公示 on
 * the release's as-of date (release_publicity: listed programs only, the name masked).
 */
export class PopulationAndPublicityMigration extends Migration {
  override name = '0014-population-and-publicity';

  override up(): void {
    this.addSql(`create table region_population (
      region_code varchar(12) not null references region (code),
      county_code varchar(12) generated always as (left(region_code, 6)) stored,
      year smallint not null check (year between 1949 and 2100),
      population integer not null check (population > 0),
      as_of date not null,
      source varchar(200) not null check (source <> ''),
      sample boolean not null default false,
      primary key (region_code, year),
      check (length(region_code) in (6, 9))
    )`);
    this.addSql(`create table release_population (
      release_id varchar(20) not null references disclosure_release (id) on delete cascade,
      county_code varchar(12) not null,
      region_code varchar(12) not null,
      year smallint not null,
      population integer not null,
      as_of date not null,
      source varchar(200) not null,
      sample boolean not null,
      primary key (release_id, region_code, year)
    )`);
    this.addSql(`create table release_review_town (
      release_id varchar(20) not null references disclosure_release (id) on delete cascade,
      campaign_id integer not null,
      county_code varchar(12) not null,
      town_code varchar(12) not null,
      ${REVIEW_STATISTIC_NAMES.map((name) => `${REVIEW_STATISTICS[name].column} integer not null`).join(',\n      ')},
      primary key (release_id, campaign_id, town_code)
    )`);
    this.addSql(`create table release_publicity (
      release_id varchar(20) not null references disclosure_release (id) on delete cascade,
      application_id integer not null,
      county_code varchar(12) not null,
      town_code varchar(12) not null,
      village_code varchar(12) not null,
      seq integer not null,
      masked_name varchar(60) not null,
      household_size smallint not null,
      program_code varchar(40) not null,
      amount_fen bigint,
      publicity_start date not null,
      publicity_end date not null,
      primary key (release_id, application_id),
      unique (release_id, town_code, seq)
    )`);
  }

  override down(): void {
    this.addSql('drop table release_publicity, release_review_town, release_population, region_population');
  }
}
