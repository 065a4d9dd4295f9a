import { Migration } from '@mikro-orm/migrations';
import { COMPOUND_SURNAMES } from '../disclosure/mask-name.js';
import { invisibleCharacterClass } from '../person/invisible-characters.js';

/** The dots person-name.ts turns into `·` (after NFKC), and as many `·` for translate(). */
const DOTS = '.\u2022\u2027\u2219\u22c5\u2e31\u30fb';

/**
 * Names in one form (docs/disclosure.md, "Names"). `canonical_name` is `canonicalName` of
 * person-name.ts in SQL — NFKC, dots as `·`, no invisible code point (invisible-characters.ts),
 * twice — and `mask_name` now masks the canonical form, exactly as `maskName` does, so a name
 * stored with a space or a zero-width character is masked as if it had none (张 三 → 张*, not
 * 张*三). New and changed person rows must be canonical (a check constraint, NOT VALID: rows
 * written before stay as they are and are masked safely).
 *
 * The 幸福清单 rows of releases cut before this migration were masked with the old function: a
 * row whose household head's name is not canonical, and whose stored mask is the old mask of that
 * name, gets the new mask. That is the one change ever made to a cut release; no figure changes.
 */
export class NameNormalisationMigration extends Migration {
  override name = '0006-name-normalisation';

  override up(): void {
    const invisible = invisibleCharacterClass('postgresql');
    const dots = `'${DOTS}', '${'\u00b7'.repeat([...DOTS].length)}'`;
    const pass = (x: string) => `regexp_replace(translate(normalize(${x}, NFKC), ${dots}), '${invisible}', '', 'g')`;
    this.addSql(`create or replace function canonical_name(name text) returns text language sql immutable strict parallel safe as $$
      select ${pass(pass('name'))}
    $$`);
    const surnames = [...COMPOUND_SURNAMES].map((s) => `'${s}'`).join(', ');
    this.addSql(`create or replace function mask_canonical_name(n text) returns text language sql immutable strict parallel safe as $$
      select case
        when char_length(n) <= 1 then '*'
        when char_length(n) = 2 then left(n, 1) || '*'
        when char_length(n) = 3 and s = 2 then left(n, 2) || '*'
        else left(n, s) || repeat('*', char_length(n) - s - 1) || right(n, 1)
      end
      from (select case when left(n, 2) = any (array[${surnames}]) then 2 else 1 end as s) x
    $$`);
    // earlier releases: re-mask the rows the old mask_name (still in place here) got wrong
    // (the rows are in listing_row_version when 0016 came first, as a test of this migration arranges)
    const remask = (table: string) => `update ${table} l set masked_name = mask_canonical_name(canonical_name(pe.name))
      from household h
      join household_member hm on hm.household_id = h.id and hm.relation = 'head'
      join person pe on pe.id = hm.person_id
      where h.public_id = l.public_id and pe.name <> canonical_name(pe.name) and l.masked_name = mask_name(pe.name)`;
    this.addSql(`do $remask$ begin
      if to_regclass('listing_row_version') is not null then ${remask('listing_row_version')};
      else ${remask('listing_row')};
      end if;
    end $remask$`);
    this.addSql(`create or replace function mask_name(full_name text) returns text language sql immutable strict parallel safe as $$
      select mask_canonical_name(canonical_name(full_name))
    $$`);
    this.addSql(`alter table person add constraint person_name_canonical check (name = canonical_name(name)) not valid`);
  }

  override down(): void {
    const surnames = [...COMPOUND_SURNAMES].map((s) => `'${s}'`).join(', ');
    this.addSql('alter table person drop constraint if exists person_name_canonical');
    this.addSql(`create or replace function mask_name(full_name text) returns text language sql immutable strict as $$
      select case
        when char_length(n) <= 1 then '*'
        when char_length(n) = 2 then left(n, 1) || '*'
        when char_length(n) = 3 and s = 2 then left(n, 2) || '*'
        else left(n, s) || repeat('*', char_length(n) - s - 1) || right(n, 1)
      end
      from (select n, case when left(n, 2) = any (array[${surnames}]) then 2 else 1 end as s
            from (select btrim(full_name) as n) t) x
    $$`);
    this.addSql('drop function if exists mask_canonical_name(text), canonical_name(text)');
  }
}
