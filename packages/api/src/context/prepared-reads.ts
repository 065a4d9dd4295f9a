import type { EntityManager } from '@xingfu/domain';

export interface PreparedReadsOptions {
  /** Run read-model statements as named prepared statements (XINGFU_PREPARED_STATEMENTS). */
  enabled: boolean;
  /** Distinct statements prepared at most; later ones (operations of ever new shapes) run unprepared. */
  limit?: number;
}

/** Statements of one API server get names of their own, so two servers on one pool never clash. */
let instances = 0;

/**
 * Read-model statements (`?` placeholders) as named prepared statements on the ORM's own
 * connection pool. `em.execute` sends a statement with its values spelled out, which PostgreSQL
 * parses and plans on every request; prepared, each is parsed once per connection and, after a
 * few executions, planned once (key lists are one array parameter, so one generic plan fits every
 * batch): about 0.5 ms of PostgreSQL's CPU per nested page of 100 households (docs/benchmarks.md).
 *
 * Falls back to `em.execute` — same rows — when disabled, inside a transaction (the statement must
 * see the transaction's own writes, on its connection), and beyond `limit` statements. Turn it off
 * (XINGFU_PREPARED_STATEMENTS=false) behind a pooler that hands each statement to any server
 * connection, such as PgBouncer in transaction mode: a name prepared on one server connection is
 * unknown on the next (docs/decisions.md, "HTTP").
 */
export class PreparedReads {
  readonly #names = new Map<string, { name: string; text: string }>();
  readonly #prefix = `xingfu_r${++instances}_`;
  readonly #limit: number;

  constructor(readonly options: PreparedReadsOptions) {
    this.#limit = options.limit ?? 500;
  }

  /** How many statements are prepared by name. */
  get prepared(): number {
    return this.#names.size;
  }

  async rows<R>(em: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
    const statement = this.options.enabled && !em.getTransactionContext() ? this.#statement(sql) : undefined;
    if (!statement) return em.execute<R[]>(sql, params);
    const pool = await em.getConnection().getNativeClient();
    const started = performance.now();
    const result = await pool.query<R & object>({ name: statement.name, text: statement.text, values: params });
    em.config.getLogger().logQuery({ level: 'info', query: statement.text, took: Math.round(performance.now() - started) });
    return result.rows;
  }

  #statement(sql: string): { name: string; text: string } | undefined {
    let statement = this.#names.get(sql);
    if (!statement && this.#names.size < this.#limit) {
      let n = 0;
      statement = { name: `${this.#prefix}${this.#names.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      this.#names.set(sql, statement);
    }
    return statement;
  }
}
