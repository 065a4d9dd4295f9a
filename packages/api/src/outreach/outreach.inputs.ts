import type { ApplicationChannel, OutreachKind } from '@xingfu/domain';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { ApplicationChannelEnum } from '../common/enums.js';
import { OutreachKindEnum } from './outreach.types.js';

@ArgsType()
export class OutreachCandidatesArgs extends PageArgs {
  @Field(() => OutreachKindEnum) kind!: OutreachKind;
  @Field(() => String, { nullable: true, description: 'County, town or village; defaults to your region.' }) regionCode?: string | null;
}

@InputType('ApplyForCandidateInput')
export class ApplyForCandidateInput {
  @Field(() => OutreachKindEnum) kind!: OutreachKind;
  @Field(() => ID) personId!: string;
  @Field(() => ApplicationChannelEnum) channel!: ApplicationChannel;
}
