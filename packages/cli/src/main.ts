import { Command } from 'commander';
import { ConfigError } from '@xingfu/api';
import { DomainError } from '@xingfu/domain';
import { registerDbCommands } from './commands/db.command.js';
import { registerFeedCommands } from './commands/feed.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerRegionCommands } from './commands/regions.command.js';
import { registerReleaseCommands } from './commands/release.command.js';
import { registerSchemaCommands } from './commands/schema.command.js';
import { registerSeedCommand } from './commands/seed.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerSiteCommands } from './commands/site.command.js';
import { registerStartCommand } from './commands/start.command.js';
import { registerTokenCommand } from './commands/token.command.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './runtime/paths.js';
import { shutdown } from './runtime/shutdown.js';

// A .env at the workspace root, if any, fills variables the environment does not set.
const dotenv = join(WORKSPACE_ROOT, '.env');
if (existsSync(dotenv)) process.loadEnvFile(dotenv);

const program = new Command('xingfu').description('幸福 Xingfu — social-assistance ledger and 幸福清单 transparency site');
registerStartCommand(program);
registerServeCommand(program);
registerDbCommands(program);
registerFeedCommands(program);
registerImportCommand(program);
registerRegionCommands(program);
registerReleaseCommands(program);
registerSchemaCommands(program);
registerSeedCommand(program);
registerSiteCommands(program);
registerTokenCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Known failures are one sentence that says what to do; anything else keeps its stack.
  if (error instanceof DomainError || error instanceof ConfigError) process.stderr.write(`xingfu: ${error.message}\n`);
  else process.stderr.write(`xingfu: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await shutdown(1);
}
