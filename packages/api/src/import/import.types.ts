import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ImportCounts', {
  description: 'Records of one kind a ledger import made, changed or found as they were (matched by ID number).',
})
export class ImportCountsType {
  @Field(() => Int) created!: number;
  @Field(() => Int) changed!: number;
  @Field(() => Int) unchanged!: number;
}
