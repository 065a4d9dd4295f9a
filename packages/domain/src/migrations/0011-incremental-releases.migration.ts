import { Migration } from '@mikro-orm/migrations';

/**
 * Releases cut incrementally and per county. A release records, per county it publishes, how the
 * county came into it (recomputed in full, recomputed where the ledger changed, or carried
 * unchanged from the previous release) and the ledger's watermarks when its figures were
 * computed: the highest payment id and audit entry id. The next cut recomputes only the program
 * years and households whose ledger rows lie above them. `county_code` on the release is its
 * scope: a county admin's release (null: every county).
 */
export class IncrementalReleasesMigration extends Migration {
  override name = '0011-incremental-releases';

  override up(): void {
    this.addSql(`alter table disclosure_release add column county_code varchar(12) references region (code)`);
    this.addSql(`create table release_county (
      release_id varchar(20) not null references disclosure_release (id),
      county_code varchar(12) not null references region (code),
      how varchar(8) not null check (how in ('full', 'partial', 'carried')),
      payment_watermark bigint not null,
      audit_watermark bigint not null,
      families integer not null default 0,
      households integer not null default 0,
      primary key (release_id, county_code)
    )`);
  }

  override down(): void {
    this.addSql('drop table release_county');
    this.addSql('alter table disclosure_release drop column county_code');
  }
}
