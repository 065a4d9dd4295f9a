import { Migration } from '@mikro-orm/migrations';
import { BACKFILL_FROZEN_FIGURES_SQL } from '../disclosure/release-figures.js';

/**
 * A release is a closed world: the standards and re-review results it publishes are copied into
 * it when it is cut, so a later change of a standard or a later review decision never moves a
 * released figure. Releases cut before this migration receive the figures of the day it runs.
 */
export class FrozenReleaseFiguresMigration extends Migration {
  override name = '0007-frozen-release-figures';

  override up(): void {
    this.addSql(`create table release_standard (
      release_id varchar(20) not null references disclosure_release (id),
      county_code varchar(12) not null,
      program_code varchar(40) not null references program (code),
      area_type area_type not null,
      tier varchar(20) not null,
      effective_month date not null,
      amount_fen bigint not null,
      primary key (release_id, county_code, program_code, area_type, tier, effective_month)
    )`);
    this.addSql(`create table release_review_campaign (
      release_id varchar(20) not null references disclosure_release (id),
      campaign_id integer not null,
      county_code varchar(12) not null,
      name varchar(100) not null,
      period_start date not null,
      period_end date not null,
      disclosure disclosure_policy not null,
      tasks integer not null,
      reviewed_households integer not null,
      continued_households integer not null,
      cancelled_households integer not null,
      cancelled_persons integer not null,
      adjusted_households integer not null,
      adjusted_persons integer not null,
      newly_approved_households integer not null,
      newly_approved_persons integer not null,
      primary key (release_id, campaign_id)
    )`);
    this.addSql(BACKFILL_FROZEN_FIGURES_SQL);
  }

  override down(): void {
    this.addSql('drop table release_review_campaign, release_standard');
  }
}
