import { Migration } from '@mikro-orm/migrations';
import { BACKFILL_FROZEN_PROGRAMS_SQL } from '../disclosure/release-figures.js';

/**
 * The last live read of the public side: the program catalog (names, order and disclosure policy,
 * which decides suppression) is copied into each release when it is cut, so a later change of
 * the catalog moves no released figure. Releases cut before this migration receive the catalog
 * of the day it runs.
 */
export class FrozenProgramCatalogMigration extends Migration {
  override name = '0008-frozen-program-catalog';

  override up(): void {
    this.addSql(`create table release_program (
      release_id varchar(20) not null references disclosure_release (id),
      code varchar(40) not null,
      name varchar(60) not null,
      category varchar(40) not null,
      frequency payment_frequency not null,
      unit beneficiary_unit not null,
      amount_rule amount_rule not null,
      disclosure disclosure_policy not null,
      minors_only boolean not null,
      description text not null,
      sort_order smallint not null,
      primary key (release_id, code)
    )`);
    this.addSql(BACKFILL_FROZEN_PROGRAMS_SQL);
  }

  override down(): void {
    this.addSql('drop table release_program');
  }
}
