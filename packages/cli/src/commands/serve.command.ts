import type { Command } from 'commander';
import { assertSafeTokenSettings, loadConfig } from '@xingfu/api';
import { assertPortsFree } from '../runtime/ports.js';
import { openDatabaseSession } from '../runtime/database-session.js';
import { startApi } from '../runtime/api-runtime.js';
import { say } from '../runtime/progress.js';
import { onShutdown } from '../runtime/shutdown.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the GraphQL API only (no site build), on the configured database')
    .action(async () => {
      const config = loadConfig();
      assertSafeTokenSettings(config, config.XINGFU_HOST);
      await assertPortsFree([[config.XINGFU_API_PORT, 'XINGFU_API_PORT', 'the API']], config.XINGFU_HOST);
      const session = await openDatabaseSession(config);
      onShutdown(() => session.close());
      const api = await startApi(session.orm, config);
      onShutdown(() => api.stop());
      say(
        `\nInternal GraphQL  ${api.url}/graphql\nPublic GraphQL    ${api.url}/public/graphql\nHealth            ${api.url}/healthz\n\nCtrl-C stops.`,
      );
    });
}
