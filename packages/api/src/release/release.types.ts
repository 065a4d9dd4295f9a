import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CountyCutKind {
  FULL = 'full',
  PARTIAL = 'partial',
  CARRIED = 'carried',
}
registerEnumType(CountyCutKind, {
  name: 'CountyCutKind',
  description: 'How a county came into a release: recomputed in full, recomputed where its ledger changed, or carried unchanged.',
});

@ObjectType('CountyCut', { description: 'How one county came into a release.' })
export class CountyCutType {
  @Field(() => String) countyCode!: string;
  @Field(() => CountyCutKind) how!: CountyCutKind;
  @Field(() => Int, { description: 'Program years recomputed (PARTIAL).' }) families!: number;
  @Field(() => Int, { description: 'Households whose 幸福清单 rows were recomputed (PARTIAL).' }) households!: number;
}

@ObjectType('CutReleasePayload', { description: 'The release just cut: its id (the public API and site name it), what it holds and how.' })
export class CutReleasePayload {
  @Field(() => String) id!: string;
  @Field(() => String, {
    description: 'The as-of date (YYYY-MM-DD): months before its month are published once their payroll is approved.',
  })
  asOf!: string;
  @Field(() => Int, { description: 'County months the release publishes (all counties).' }) months!: number;
  @Field(() => Int) aggregateRows!: number;
  @Field(() => Int) listingRows!: number;
  @Field(() => Int, { description: 'Changelog entries: county month figures added or corrected since the previous release.' })
  changes!: number;
  @Field(() => [CountyCutType]) counties!: CountyCutType[];
}
