import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../common/connection.js';

@ArgsType()
export class AuditEntriesArgs extends PageArgs {
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. application, household, payroll_batch' }) entity?: string | null;
  @Field(() => String, { nullable: true }) entityId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only entries of this actor (the subject of their token).' }) actor?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only entries at or after this instant.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Only entries before this instant.' }) until?: Date | null;
}
