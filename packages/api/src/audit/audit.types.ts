import type { Role } from '@xingfu/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { RoleEnum } from '../common/enums.js';

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

@ObjectType('Me', { description: 'The caller, as the bearer token names them.' })
export class MeType {
  @Field(() => String) subject!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => String) regionCode!: string;
}
