import type { Command } from 'commander';
import { loadConfig } from '@xingfu/api';
import { resetDatabase } from '@xingfu/domain';
import { openDatabaseSession } from '../runtime/database-session.js';
import { say, step } from '../runtime/progress.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database: migrations and reset');
  db.command('migrate')
    .description('apply pending migrations (beside a running server: on its database)')
    .action(async () => {
      const session = await openDatabaseSession(loadConfig());
      await session.close();
      say('The database is up to date.');
    });
  db.command('reset')
    .description('drop everything in the database and migrate from scratch (asks no questions; refused beside a running server)')
    .action(async () => {
      const session = await openDatabaseSession(loadConfig(), { migrations: false, exclusive: true });
      try {
        await step('Dropping and re-creating the schema', () => resetDatabase(session.orm));
      } finally {
        await session.close();
      }
      say('The database is empty and migrated.');
    });
}
