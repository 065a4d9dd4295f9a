import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ImportCountsType } from './import.types.js';
import type { ImportCounts } from '@xingfu/domain';

import { MAX_FILE_PIECES } from '../common/base64-file.js';

@InputType('ImportLedgerInput')
export class ImportLedgerInput {
  @Field(() => [String], {
    description:
      'The XLSX file (the template of ledgerImportTemplate) as base64, cut into pieces of at most 10,000 characters, in order. Requests are at most 1 MB: import larger ledgers with `xingfu import`.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILE_PIECES)
  file!: string[];

  @Field(() => Boolean, { nullable: true, description: 'Check every row and answer the report; change nothing.' })
  dryRun?: boolean | null;
}

@ObjectType('ImportLedgerPayload', {
  description: 'What an import did: nothing when a row has an error (the report names it), or every row of the file.',
})
export class ImportLedgerPayload {
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Boolean, { description: 'Whether the file’s changes were made: no row had an error and this was no dry run.' })
  committed!: boolean;
  @Field(() => Int) rows!: number;
  @Field(() => Int) errorRows!: number;
  @Field(() => [String], { description: 'The first 20 errors, as “sheet row N: message”.' }) errors!: string[];
  @Field(() => ImportCountsType) households!: ImportCounts;
  @Field(() => ImportCountsType) members!: ImportCounts;
  @Field(() => ImportCountsType) enrollments!: ImportCounts;
  @Field(() => ImportCountsType) standards!: ImportCounts;
  @Field(() => String, {
    description:
      'The report, as base64: the same workbook with an error column (错误) on each sheet naming each row’s errors; the file as sent when no row has an error.',
  })
  report!: string;
}
