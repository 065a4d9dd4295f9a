import { OUTREACH_KINDS, type Application, type OutreachKind } from '@xingfu/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { ApplicationType } from '../application/application.types.js';
import { Connection } from '../common/connection.js';
import { registerStringEnum } from '../common/string-enum.js';

export const OutreachKindEnum = registerStringEnum(
  OUTREACH_KINDS,
  'OutreachKind',
  '政策找人 lists: SENIOR 80/90/100 without 尊老金; SEVERE_DISABILITY level 1–2 without 护理补贴; UNATTENDED_CHILD parents dead or in prison without 事实无人抚养 allowance; LOW_INCOME counted income below the 低保 standard without 低保.',
);

@ObjectType('OutreachCandidate', { description: 'A person the registry and the feeds show eligible for a program they do not receive.' })
export class OutreachCandidateType {
  @Field(() => ID, { description: 'The person.' }) id!: number;
  @Field(() => OutreachKindEnum) kind!: OutreachKind;
  @Field(() => String, { description: 'The program the candidate would apply for.' }) programCode!: string;
  @Field(() => String) reason!: string;
  @Field(() => String) villageCode!: string;
  householdId!: number;
}

export const OutreachCandidateConnection = Connection('OutreachCandidate', OutreachCandidateType);

@ObjectType('ApplyForCandidatePayload')
export class ApplyForCandidatePayload {
  @Field(() => ApplicationType, { description: 'The application (a senior’s approved at once: 秒批).' }) application!: Application;
}
