import { Migration } from '@mikro-orm/migrations';

export class RegionsMigration extends Migration {
  override name = '0001-regions';

  override up(): void {
    this.addSql(`create type region_level as enum ('province', 'city', 'county', 'town', 'village');`);
    this.addSql(`
      create table region (
        code varchar(12) primary key check (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
        name varchar(100) not null,
        level region_level not null,
        parent_code varchar(12) references region (code) on delete restrict,
        check ((level = 'province') = (parent_code is null)),
        check (parent_code is null or starts_with(code, parent_code))
      );`);
    this.addSql(`create index region_parent_code_index on region (parent_code);`);
    this.addSql(`create index region_code_prefix_index on region (code varchar_pattern_ops);`);
  }

  override down(): void {
    this.addSql('drop table region;');
    this.addSql('drop type region_level;');
  }
}
