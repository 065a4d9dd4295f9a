import type { FeedKind } from '@xingfu/domain';
import { ArrayMaxSize, ArrayMinSize, MaxLength } from 'class-validator';
import { MAX_FILE_PIECES } from '../common/base64-file.js';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { DateScalar } from '../scalars/month.scalar.js';
import { FeedKindEnum } from './feeds.types.js';

@InputType('LoadFeedInput')
export class LoadFeedInput {
  @Field(() => String) countyCode!: string;
  @Field(() => FeedKindEnum) kind!: FeedKind;
  @Field(() => DateScalar, { description: 'The date the department delivered the file.' }) deliveredOn!: string;
  @Field(() => String) @MaxLength(200) fileName!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The file (CSV in UTF-8, or XLSX) in base64, up to 10,000 characters (a file of about 7.5 KB). Larger files: contentPieces.',
  })
  contentBase64?: string | null;
  @Field(() => [String], {
    nullable: true,
    description:
      'The file in base64 cut into pieces of at most 10,000 characters, in order (at most 100 pieces; requests are at most 1 MB, so about 700 KB of file). Give this or contentBase64. Larger files: `xingfu feed load`.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILE_PIECES)
  contentPieces?: string[] | null;
}

@ArgsType()
export class FeedDeliveriesArgs extends PageArgs {
  @Field(() => String) countyCode!: string;
  @Field(() => FeedKindEnum, { nullable: true }) kind?: FeedKind | null;
}

@InputType('CheckFeedReportInput')
export class CheckFeedReportInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => Boolean, { description: 'true: the report stands; false: overridden (give overrideReason).' }) confirm!: boolean;
  @Field(() => String, { nullable: true }) @MaxLength(2000) overrideReason?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Override: whether the household owns a non-essential vehicle.' })
  ownsVehicle?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Override: whether the household holds extra housing.' })
  extraHousing?: boolean | null;
}
