import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../common/connection.js';

@ArgsType()
export class AuditEntriesArgs extends PageArgs {
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. application, household, payroll_batch' }) entity?: string | null;
  @Field(() => String, { nullable: true }) entityId?: string | null;
}
