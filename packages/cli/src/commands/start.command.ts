import type { Command } from 'commander';
import { assertSafeTokenSettings, loadConfig, siteUrlOf } from '@xingfu/api';
import { latestReleaseId } from '@xingfu/domain';
import { openDatabaseSession } from '../runtime/database-session.js';
import { loadInitialData } from '../runtime/bootstrap.js';
import { startApi } from '../runtime/api-runtime.js';
import { fromRoot } from '../runtime/paths.js';
import { assertPortsFree } from '../runtime/ports.js';
import { say, step } from '../runtime/progress.js';
import { buildSite, markSiteBuilt, siteIsCurrent } from '../runtime/site-build.js';
import { serveSite } from '../runtime/site-server.js';
import { onShutdown, shutdown } from '../runtime/shutdown.js';
import { watchEmbeddedDatabase } from '../runtime/database-watchdog.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('everything: database (embedded unless DATABASE_URL), migrations, first-run data, API, site build and site server')
    .action(async () => {
      const config = loadConfig();
      assertSafeTokenSettings(config, config.XINGFU_HOST);
      await assertPortsFree(
        [
          [config.XINGFU_API_PORT, 'XINGFU_API_PORT', 'the API'],
          [config.XINGFU_SITE_PORT, 'XINGFU_SITE_PORT', 'the site server'],
        ],
        config.XINGFU_HOST,
      );
      const session = await openDatabaseSession(config);
      onShutdown(() => session.close());
      await loadInitialData(session.orm);
      const api = await startApi(session.orm, config);
      onShutdown(() => api.stop());
      const outDir = fromRoot(config.XINGFU_SITE_DIST);
      const release = await latestReleaseId(session.orm.em.fork());
      if (siteIsCurrent(outDir, release)) say(`✔ The site is up to date (release ${release ?? 'none'}): serving it as built`);
      else {
        await step('Building the site', () => buildSite(`${api.url}/public/graphql`, outDir, siteUrlOf(config)));
        markSiteBuilt(outDir, release);
      }
      const siteServer = await step(`Serving the site on port ${config.XINGFU_SITE_PORT}`, () =>
        serveSite(outDir, config.XINGFU_SITE_PORT, config.XINGFU_HOST),
      );
      onShutdown(() => new Promise<void>((resolve) => siteServer.close(() => resolve())));
      const siteHost = api.url.replace(/:\d+$/, `:${config.XINGFU_SITE_PORT}`);
      say(
        [
          '',
          'Xingfu is running:',
          `  Site (幸福清单)     ${siteHost}/`,
          `  Internal GraphQL   ${api.url}/graphql`,
          `  Public GraphQL     ${api.url}/public/graphql`,
          `  Health             ${api.url}/healthz`,
          '',
          'Ctrl-C stops everything.',
        ].join('\n'),
      );
      // the embedded PostgreSQL started here is started again when it stops (or xingfu stops, in one sentence)
      if (session.embedded) {
        const watchdog = watchEmbeddedDatabase(session.embedded, {
          onGiveUp: (sentence) => {
            process.stderr.write(`xingfu: ${sentence}\n`);
            // stopping must not wait for a database that accepts connections and never answers
            setTimeout(() => process.exit(1), 10_000).unref();
            void shutdown(1);
          },
        });
        onShutdown(() => watchdog.stop());
      }
    });
}
