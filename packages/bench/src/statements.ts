import type { BenchCluster } from './cluster.js';

export interface StatementSample {
  /** Statements PostgreSQL ran for the database, over the requests sent. */
  statements: number;
  /** Their total execution time in PostgreSQL, ms. */
  execMs: number;
  /** The statements, most called first (normalised by pg_stat_statements). */
  top: { query: string; calls: number; execMs: number }[];
}

/**
 * Counts the SQL statements a server runs for `work`, by the database itself (pg_stat_statements),
 * so the API, PostGraphile and the ceiling are counted the same way. Nothing else may use the
 * database meanwhile.
 */
export async function countStatements(cluster: BenchCluster, database: string, work: () => Promise<void>): Promise<StatementSample> {
  await cluster.admin((c) => c.query('select pg_stat_statements_reset()'));
  await work();
  const result = await cluster.admin((c) =>
    c.query<{ query: string; calls: string; exec_ms: number }>(
      `select s.query, s.calls::text as calls, s.total_exec_time as exec_ms
       from pg_stat_statements s join pg_database d on d.oid = s.dbid
       where d.datname = $1 and s.query not ilike '%pg_stat_statements%'
       order by s.calls desc, s.total_exec_time desc`,
      [database],
    ),
  );
  const rows = result.rows.map((r) => ({ query: r.query.replace(/\s+/g, ' ').trim(), calls: Number(r.calls), execMs: r.exec_ms }));
  return {
    statements: rows.reduce((sum, r) => sum + r.calls, 0),
    execMs: rows.reduce((sum, r) => sum + r.execMs, 0),
    top: rows.slice(0, 10),
  };
}
