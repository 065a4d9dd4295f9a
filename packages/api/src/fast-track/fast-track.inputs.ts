import type { Application, ApplicationChannel } from '@xingfu/domain';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApplicationChannelEnum } from '../common/enums.js';
import { ApplicationType } from '../application/application.types.js';
import type { EnrollmentRow } from '../payroll/payroll.read-model.js';
import { EnrollmentType } from '../payroll/payroll.types.js';
import { DateScalar } from '../scalars/month.scalar.js';

@InputType('ApplySeniorAllowanceInput')
export class ApplySeniorAllowanceInput {
  @Field(() => ID) householdId!: string;
  @Field(() => ID, { description: 'The member applied for: 80 or older by the ID number.' }) personId!: string;
  @Field(() => ApplicationChannelEnum) channel!: ApplicationChannel;
  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today.' }) appliedOn?: string | null;
}

@ObjectType('ApplySeniorAllowancePayload')
export class ApplySeniorAllowancePayload {
  @Field(() => ApplicationType, { description: 'Approved in this request (instant: true).' }) application!: Application;
  @Field(() => EnrollmentType, { description: 'Paid from this month at the age tier’s standard.' }) enrollment!: EnrollmentRow;
}
