import { inTransaction, type EntityManager } from '@xingfu/domain';
import type { RequestContext } from '../context/context.type.js';

/**
 * How a mutation changes the ledger: the domain's one path (`inTransaction`: one transaction,
 * constraint refusals typed), then the request forgets what it read before, so the mutation's
 * answer and every later field of the operation read the rows as changed, not the loaders'
 * remembered copies.
 */
export async function change<T>(ctx: RequestContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const result = await inTransaction(ctx.em, work);
  ctx.forgetReads();
  return result;
}
