import type { Command } from 'commander';
import { loadConfig, mintToken } from '@xingfu/api';
import { DomainError, ROLES, type Role } from '@xingfu/domain';

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('mint a development bearer token signed with XINGFU_JWT_SECRET')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--region <code>', 'the region the role is bound to (county, town or village code)')
    .option('--subject <name>', 'who the token names', 'dev-user')
    .option('--expires <duration>', 'lifetime, e.g. 12h or 7d', '12h')
    .action(async (options: { role: string; region: string; subject: string; expires: string }) => {
      if (!ROLES.includes(options.role as Role)) {
        throw new DomainError('INVALID_INPUT', `Unknown role “${options.role}”: use one of ${ROLES.join(', ')}.`);
      }
      if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(options.region)) throw DomainError.invalidRegionCode(options.region);
      const config = loadConfig();
      const token = await mintToken(
        { secret: config.XINGFU_JWT_SECRET },
        { subject: options.subject, role: options.role as Role, regionCode: options.region },
        options.expires,
      );
      process.stdout.write(`${token}\n`);
    });
}
