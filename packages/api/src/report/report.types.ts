import { Field, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar.js';

/** Resolved from MonthlyChangeRow (report.read-model.ts). */
@ObjectType('MonthlyChange', {
  description:
    '新增 / 减少 / 调增 / 调减 households of a program in a town for a month, from the regular payments of the month and the month before.',
  simpleResolvers: true,
})
export class MonthlyChangeType {
  @Field(() => String) programCode!: string;
  @Field(() => String) townCode!: string;
  @Field(() => String) townName!: string;
  @Field(() => Int, { description: '新增: paid this month, not the month before.' }) addedHouseholds!: number;
  @Field(() => Int) addedPersons!: number;
  @Field(() => Int, { description: '减少: paid the month before, not this month.' }) removedHouseholds!: number;
  @Field(() => Int) removedPersons!: number;
  @Field(() => Int, { description: '调增: paid both months, more this month.' }) raisedHouseholds!: number;
  @Field(() => Int, { description: '调减: paid both months, less this month.' }) loweredHouseholds!: number;
  @Field(() => Int) paidHouseholds!: number;
  @Field(() => Int) paidPersons!: number;
  @Field(() => MoneyScalar, { name: 'paid', simple: false }) paidFen!: number;
}

@ObjectType('ExportReportPayload', { description: 'A report as a file; the export is recorded in the audit log.' })
export class ExportReportPayload {
  @Field(() => String) fileName!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int, { description: 'Data rows in the file.' }) rows!: number;
  @Field(() => String, { description: 'The file, base64.' }) content!: string;
}
