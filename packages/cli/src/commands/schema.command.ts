import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildInternalSchema, buildPublicSchema, printSortedSchema } from '@xingfu/api';
import { WORKSPACE_ROOT } from '../runtime/paths.js';
import { say } from '../runtime/progress.js';

export const SCHEMA_FILES = {
  internal: join(WORKSPACE_ROOT, 'schema', 'internal.graphql'),
  public: join(WORKSPACE_ROOT, 'schema', 'public.graphql'),
};

export async function generatedSdl(): Promise<{ internal: string; public: string }> {
  const [internal, publicSchema] = await Promise.all([buildInternalSchema(), buildPublicSchema()]);
  return { internal: printSortedSchema(internal), public: printSortedSchema(publicSchema) };
}

export function registerSchemaCommands(program: Command): void {
  const schema = program.command('schema').description('the committed SDL of both schemas (schema/)');
  schema
    .command('write')
    .description('write schema/internal.graphql and schema/public.graphql from the code')
    .action(async () => {
      const sdl = await generatedSdl();
      await writeFile(SCHEMA_FILES.internal, sdl.internal);
      await writeFile(SCHEMA_FILES.public, sdl.public);
      say('Wrote schema/internal.graphql and schema/public.graphql.');
    });
  schema
    .command('check')
    .description('fail when the committed SDL differs from the code')
    .action(async () => {
      const sdl = await generatedSdl();
      const stale = [];
      for (const name of ['internal', 'public'] as const) {
        const committed = await readFile(SCHEMA_FILES[name], 'utf8').catch(() => '');
        if (committed !== sdl[name]) stale.push(`schema/${name}.graphql`);
      }
      if (stale.length > 0) {
        process.stderr.write(`${stale.join(' and ')} differ from the code: run \`pnpm schema:write\` and commit.\n`);
        process.exitCode = 1;
      } else say('The committed SDL matches the code.');
    });
}
