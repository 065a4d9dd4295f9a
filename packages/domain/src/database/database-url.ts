import pg from 'pg';
import { DomainError } from '../errors/domain-error.js';

/** Where a URL points, without its password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unparseable URL';
  }
}

/**
 * Connects once to check that the server answers, and turns the usual failures into one
 * sentence that says what is wrong and what to do.
 */
export async function assertDatabaseReachable(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('protocol');
  } catch {
    throw new DomainError(
      'DATABASE_UNREACHABLE',
      'DATABASE_URL is not a PostgreSQL URL: write it as postgres://user:password@host:5432/database, or unset it to use the embedded database.',
    );
  }
  const where = describeDatabaseUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new DomainError('DATABASE_UNREACHABLE', explain(error, where), { where });
  } finally {
    await client.end().catch(() => undefined);
  }
}

function explain(error: unknown, where: string): string {
  const code = (error as { code?: string }).code;
  const fix = 'check DATABASE_URL, or unset it to use the embedded database';
  switch (code) {
    case 'ECONNREFUSED':
      return `No PostgreSQL server answers at ${where} (connection refused): start the server or ${fix}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host in DATABASE_URL (${where}) cannot be resolved: ${fix}.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the user name or password in DATABASE_URL: ${fix}.`;
    case '3D000':
      return `The database in DATABASE_URL (${where}) does not exist: create it (createdb) or ${fix}.`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      if (/timeout/i.test(message)) return `PostgreSQL at ${where} did not answer within 5 s: ${fix}.`;
      return `Cannot connect to PostgreSQL at ${where} (${message}): ${fix}.`;
    }
  }
}
