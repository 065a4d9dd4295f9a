import { AuditEntry, assertCan, type Actor } from '@xingfu/domain';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { Connection, pageWindow, toPage, type Page } from '../common/connection.js';
import { auditEntryPage } from './audit.read-model.js';
import type { RequestContext } from '../context/context.type.js';
import { AuditEntryType, MeType } from './audit.types.js';
import { AuditEntriesArgs } from './audit.inputs.js';

const AuditEntryConnection = Connection('AuditEntry', AuditEntryType);

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit log of your region, oldest first (auditors and county administrators).' })
  async auditEntries(@Args(() => AuditEntriesArgs) args: AuditEntriesArgs, @Ctx() ctx: RequestContext): Promise<Page<AuditEntry>> {
    const actor = actorOf(ctx);
    assertCan(actor, 'readAudit');
    const region = scopedRegion(actor, args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await auditEntryPage(
      ctx.em,
      {
        region,
        entity: args.entity ?? null,
        entityId: args.entityId ?? null,
        actor: args.actor ?? null,
        from: args.from ?? null,
        until: args.until ?? null,
      },
      { limit, afterId },
    );
    return toPage(rows, limit, total);
  }

  @Query(() => MeType)
  me(@Ctx() ctx: RequestContext): Actor & { regionCode: string } {
    return actorOf(ctx);
  }
}
