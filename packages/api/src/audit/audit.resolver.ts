import { AuditEntry, assertCan, type Actor, type Role } from '@xingfu/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { Connection, PageArgs, pageWindow, toPage, type Page } from '../common/connection.js';
import { RoleEnum } from '../common/enums.js';
import { auditEntryPage } from './audit.read-model.js';
import type { RequestContext } from '../context/context.type.js';

@ObjectType('AuditEntry', { description: 'Who changed which record when, with the record before and after.' })
export class AuditEntryType {
  @Field(() => ID) id!: number;
  @Field(() => Date) at!: Date;
  @Field(() => String) actor!: string;
  @Field(() => String) actorRole!: string;
  @Field(() => String) actorRegion!: string;
  @Field(() => String) action!: string;
  @Field(() => String) entity!: string;
  @Field(() => String) entityId!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) before?: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) after?: Record<string, unknown> | null;
}

const AuditEntryConnection = Connection('AuditEntry', AuditEntryType);

@ArgsType()
export class AuditEntriesArgs extends PageArgs {
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. application, household, payroll_batch' }) entity?: string | null;
  @Field(() => String, { nullable: true }) entityId?: string | null;
}

@ObjectType('Me', { description: 'The caller, as the bearer token names them.' })
export class MeType {
  @Field(() => String) subject!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => String) regionCode!: string;
}

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
      { region, entity: args.entity ?? null, entityId: args.entityId ?? null },
      { limit, afterId },
    );
    return toPage(rows, limit, total);
  }

  @Query(() => MeType)
  me(@Ctx() ctx: RequestContext): Actor & { regionCode: string } {
    return actorOf(ctx);
  }
}
