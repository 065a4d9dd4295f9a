import { Migration } from '@mikro-orm/migrations';

/** `to_seq` of a row the latest release still holds. */
const OPEN_SEQ = 2147483647;

const AGGREGATE_COLUMNS =
  'region_code, region_level, program_code, period_kind, period, households, persons, person_months, payments, amount_fen, suppressed';
const LISTING_COLUMNS = 'village_code, month, public_id, masked_name, covered_members, program_code, amount_fen, year_to_date_fen';

/**
 * The two large tables of a release — the rollup aggregates and the 幸福清单 rows — store each row
 * once for every run of releases that hold it unchanged: a row is held by the releases whose `seq`
 * lies in [from_seq, to_seq) (`to_seq` = 2147483647 while the latest release holds it). A cut
 * after a correction writes only the rows it recomputed and closes the ones they replace; the
 * rows of every county, program year and household it did not touch stay shared with the
 * previous release instead of being copied. `rollup_aggregate` and `listing_row` become views
 * with the same columns as before (release_id included), so every reader is unchanged.
 */
export class SharedReleaseRowsMigration extends Migration {
  override name = '0016-shared-release-rows';

  override up(): void {
    for (const [table, columns, key, open] of [
      ['rollup_aggregate', AGGREGATE_COLUMNS, 'region_code, program_code, period_kind, period', 'program_code, period'],
      ['listing_row', LISTING_COLUMNS, 'village_code, month, public_id, program_code', 'public_id'],
    ] as const) {
      const version = `${table}_version`;
      this.addSql(`alter table ${table} rename to ${version}`);
      this.addSql(`alter table ${version} add column from_seq integer, add column to_seq integer`);
      this.addSql(
        `update ${version} v set from_seq = r.seq, to_seq = case when r.seq = (select max(seq) from disclosure_release) then ${OPEN_SEQ} else r.seq + 1 end
         from disclosure_release r where r.id = v.release_id`,
      );
      this.addSql(`alter table ${version} drop constraint ${table}_pkey`);
      this.addSql(`alter table ${version} drop column release_id`);
      this.addSql(`alter table ${version} alter column from_seq set not null, alter column to_seq set not null`);
      this.addSql(`alter table ${version} add constraint ${version}_seq_check check (from_seq < to_seq)`);
      this.addSql(`alter table ${version} add primary key (${key}, from_seq)`);
      // the rows the latest release holds, by what a cut recomputes (program years; households): what it closes
      this.addSql(`create index ${version}_open_index on ${version} (${open}) where to_seq = ${OPEN_SEQ}`);
      this.addSql(
        `create view ${table} as
         select r.id as release_id, ${columns
           .split(', ')
           .map((c) => `v.${c}`)
           .join(', ')}
         from ${version} v join disclosure_release r on r.seq >= v.from_seq and r.seq < v.to_seq`,
      );
    }
  }

  override down(): void {
    for (const [table, key] of [
      ['rollup_aggregate', 'region_code, program_code, period_kind, period'],
      ['listing_row', 'village_code, month, public_id, program_code'],
    ] as const) {
      const version = `${table}_version`;
      this.addSql(`create table ${table}_copy as select * from ${table}`);
      this.addSql(`drop view ${table}`);
      this.addSql(`drop table ${version}`);
      this.addSql(`alter table ${table}_copy rename to ${table}`);
      this.addSql(`alter table ${table} add primary key (release_id, ${key})`);
      this.addSql(`alter table ${table} add foreign key (release_id) references disclosure_release (id)`);
    }
  }
}
