import type { Command } from 'commander';
import { TokenError, loadConfig, mintToken } from '@xingfu/api';
import { DomainError, ROLES, type Role } from '@xingfu/domain';

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('mint a development bearer token signed with XINGFU_JWT_SECRET')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--region <code>', 'the region the role is bound to (county, town or village code)')
    .option('--facility <id>', 'for facility_manager: the id of the elder-care facility it manages')
    .option('--subject <name>', 'who the token names', 'dev-user')
    .option('--expires <duration>', 'lifetime, e.g. 90m or 12h; at most XINGFU_TOKEN_MAX_LIFETIME_SECONDS (default: that maximum)')
    .action(async (options: { role: string; region: string; subject: string; expires?: string; facility?: string }) => {
      if (!ROLES.includes(options.role as Role)) {
        throw new DomainError('INVALID_INPUT', `Unknown role “${options.role}”: use one of ${ROLES.join(', ')}.`);
      }
      if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(options.region)) throw DomainError.invalidRegionCode(options.region);
      const facilityId = options.facility === undefined ? undefined : Number(options.facility);
      if (
        (options.role === 'facility_manager') !== (facilityId !== undefined) ||
        (facilityId !== undefined && !(Number.isSafeInteger(facilityId) && facilityId > 0))
      ) {
        throw new DomainError('INVALID_INPUT', 'A facility_manager token names its facility (--facility <id>); other roles name none.');
      }
      const config = loadConfig();
      const maxLifetimeSeconds = config.XINGFU_TOKEN_MAX_LIFETIME_SECONDS;
      let token: string;
      try {
        token = await mintToken(
          { secret: config.XINGFU_JWT_SECRET, maxLifetimeSeconds },
          {
            subject: options.subject,
            role: options.role as Role,
            regionCode: options.region,
            ...(facilityId !== undefined ? { facilityId } : {}),
          },
          options.expires ?? `${maxLifetimeSeconds}s`,
        );
      } catch (error) {
        if (error instanceof TokenError) throw new DomainError('INVALID_INPUT', error.message);
        if (error instanceof TypeError && /time period/.test(error.message)) {
          throw new DomainError('INVALID_INPUT', `“${options.expires}” is not a lifetime: write it like 90m, 12h or 3600s.`);
        }
        throw error;
      }
      process.stdout.write(`${token}\n`);
    });
}
