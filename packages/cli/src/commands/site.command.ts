import type { Command } from 'commander';
import { loadConfig, siteUrlOf } from '@xingfu/api';
import { openDatabaseSession } from '../runtime/database-session.js';
import { loadInitialData } from '../runtime/bootstrap.js';
import { startApi } from '../runtime/api-runtime.js';
import { fromRoot } from '../runtime/paths.js';
import { say, step } from '../runtime/progress.js';
import { buildSite } from '../runtime/site-build.js';
import { onShutdown, shutdown } from '../runtime/shutdown.js';

export function registerSiteCommands(program: Command): void {
  const site = program.command('site').description('the static transparency site');
  site
    .command('build')
    .description('build site/ into XINGFU_SITE_DIST from the public API (started here unless --api-url is given)')
    .option('--api-url <url>', 'a running public GraphQL endpoint, e.g. http://localhost:4000/public/graphql')
    .action(async (options: { apiUrl?: string }) => {
      const config = loadConfig();
      const outDir = fromRoot(config.XINGFU_SITE_DIST);
      let apiUrl = options.apiUrl ?? process.env['XINGFU_API_URL'];
      if (!apiUrl) {
        const session = await openDatabaseSession(config);
        onShutdown(() => session.close());
        await loadInitialData(session.orm);
        const api = await startApi(session.orm, config, 0);
        onShutdown(() => api.stop());
        apiUrl = `${api.url}/public/graphql`;
      }
      const { built, kept } = await step('Building the site', () => buildSite(apiUrl, outDir, siteUrlOf(config)));
      say(`The site is in ${outDir} (${built} release copies built, ${kept} kept as they were).`);
      await shutdown(0);
    });
}
