/**
 * PostGraphile v5 (amber preset) on the benchmark database, as its own process: the peer a user
 * would pick instead of Xingfu's hand-written schema. Environment: DATABASE_URL, PORT.
 *
 * Two settings differ from the bare preset, both said in the report:
 * - `PgIndexBehaviorsPlugin` is disabled. PostGraphile v5 hides relations and conditions on
 *   columns without a (non-partial) index, and `payment.enrollment_id` has only a partial one, so
 *   `Enrollment.paymentsByEnrollmentId` would not exist otherwise (v4's default also exposed them).
 * - Only the six tables of the nested read are exposed (smart tags), like the brief says.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';
import pg from 'pg';

const EXPOSED = new Set(['household', 'household_member', 'person', 'enrollment', 'program', 'payment']);

const connectionString = process.env['DATABASE_URL'];
const port = Number(process.env['PORT'] ?? 0);
if (!connectionString || !port) throw new Error('DATABASE_URL and PORT are required');

async function tablesToHide(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p')`,
    );
    return result.rows.map((r) => r.name).filter((name) => !EXPOSED.has(name));
  } finally {
    await client.end();
  }
}

const hidden = await tablesToHide(connectionString);

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  plugins: [
    jsonPgSmartTags({
      version: 1,
      config: { class: Object.fromEntries(hidden.map((table) => [table, { tags: { behavior: ['-*'] } }])) },
    }),
  ],
  pgServices: [makePgService({ connectionString, schemas: ['public'] })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`postgraphile listening on ${port}\n`));
const stop = () => {
  server.closeAllConnections();
  server.close();
  void Promise.resolve(pgl.release()).finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
