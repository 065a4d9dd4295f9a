import { DomainError, LedgerImportRefused, assertCan, importLedger, ledgerTemplate, type LedgerImportResult } from '@xingfu/domain';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../auth/require-actor.js';
import { fileOfPieces } from '../common/base64-file.js';
import { change } from '../common/change.js';
import type { RequestContext } from '../context/context.type.js';
import { ImportLedgerInput, ImportLedgerPayload } from './import.inputs.js';

function payloadOf(result: LedgerImportResult): ImportLedgerPayload {
  return { ...result, report: result.report.toString('base64') };
}

/** The file of an upload: its base64 pieces joined and decoded. */
const fileOf = (pieces: string[]) =>
  fileOfPieces(
    pieces,
    () =>
      new DomainError(
        'INVALID_IMPORT_FILE',
        'The file is not base64: send the XLSX file base64-encoded, in pieces of at most 10,000 characters.',
      ),
  );

@Resolver()
export class ImportResolver {
  @Query(() => String, { description: 'The ledger import template (XLSX with its 说明 sheet), as base64.' })
  async ledgerImportTemplate(@Ctx() ctx: RequestContext): Promise<string> {
    assertCan(actorOf(ctx), 'importLedger');
    return (await ledgerTemplate()).toString('base64');
  }

  @Mutation(() => ImportLedgerPayload, {
    description:
      '台账导入 (county administrators): households with members, enrollments and standards from the template. Every row is checked; with any error nothing is imported and the report names the rows. Importing the same file again changes nothing.',
  })
  async importLedger(
    @Arg('input', () => ImportLedgerInput) input: ImportLedgerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportLedgerPayload> {
    const actor = actorOf(ctx);
    assertCan(actor, 'importLedger');
    const file = fileOf(input.file);
    try {
      return payloadOf(await change(ctx, (em) => importLedger(em, actor, file, { dryRun: input.dryRun ?? false })));
    } catch (error) {
      if (error instanceof LedgerImportRefused) return payloadOf(error.result);
      throw error;
    }
  }
}
