import { Migration } from '@mikro-orm/migrations';

/**
 * Data-driven assistance, the remaining parts (docs/cross-checks.md): what adjusting a hit paid
 * back for the months already paid at the wrong amount (beside what it recovered).
 */
export class DataDrivenAssistanceRemainingMigration extends Migration {
  override name = '0013-data-driven-assistance-remaining';

  override up(): void {
    for (const sql of STATEMENTS) this.addSql(sql);
  }

  override down(): void {
    this.addSql('alter table cross_check_hit drop column if exists back_paid_fen');
  }
}

const STATEMENTS = [`alter table cross_check_hit add column back_paid_fen bigint not null default 0 check (back_paid_fen >= 0)`];
