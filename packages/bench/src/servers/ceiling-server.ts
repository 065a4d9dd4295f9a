/**
 * The ceiling: a minimal node:http endpoint answering each request with ONE SQL statement that
 * builds the whole JSON in PostgreSQL. Environment: DATABASE_URL, PORT.
 *
 * POST /nested      {"variables":{"regionCode","first"}} → the nested read (same body as the API)
 * POST /aggregates  {"variables":{"countyCode","year"}}  → the raw GROUP BY over the ledger
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { NESTED_READ_SQL, RAW_AGGREGATE_SQL } from '../sql.js';

const connectionString = process.env['DATABASE_URL'];
const port = Number(process.env['PORT'] ?? 0);
if (!connectionString || !port) throw new Error('DATABASE_URL and PORT are required');

/** The same pool size as the API's ORM and PostGraphile's service (10). */
const pool = new pg.Pool({ connectionString, max: 10 });

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { variables?: Record<string, unknown> };
  return parsed.variables ?? {};
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.url === '/healthz') {
    req.resume();
    res.writeHead(200).end();
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const variables = await readBody(req);
  let sql: string;
  let params: unknown[];
  if (req.url === '/nested') {
    sql = NESTED_READ_SQL;
    params = [String(variables['regionCode']), Number(variables['first'])];
  } else if (req.url === '/aggregates') {
    sql = RAW_AGGREGATE_SQL;
    params = [String(variables['countyCode']), `${Number(variables['year'])}-01-01`];
  } else {
    res.writeHead(404).end();
    return;
  }
  const result = await pool.query<{ body: string }>({ name: req.url, text: sql, values: params });
  const body = result.rows[0]?.body ?? '{}';
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

const server = createServer((req, res) => {
  answer(req, res).catch((error: unknown) => {
    const body = JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] });
    res.writeHead(500, { 'content-type': 'application/json' }).end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`ceiling listening on ${port}\n`));
const stop = () => {
  server.closeAllConnections();
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
