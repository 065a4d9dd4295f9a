import type { Actor, EntityManager } from '@xingfu/domain';
import type { Logger } from '../logging/logger.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { PreparedReads } from './prepared-reads.js';

/** What every resolver receives: an entity manager forked for this request and its loaders. */
export interface RequestContext {
  em: EntityManager;
  /** The verified caller; null on the public endpoint. */
  actor: Actor | null;
  /** This request's loaders: what it has read, batched and remembered until it changes something. */
  loaders: Loaders;
  logger: Logger;
  /**
   * Forgets what the request has read (loaders and the entity manager's identity map) after a
   * change, so the rest of the operation — the change's own answer, a later mutation field —
   * reads rows as they now are. `change()` (common/change.ts) calls it.
   */
  forgetReads(this: RequestContext): void;
}

export function createRequestContext(em: EntityManager, actor: Actor | null, reads: PreparedReads, logger: Logger): RequestContext {
  const context: RequestContext = {
    em,
    actor,
    loaders: createLoaders(em, reads),
    logger,
    // `this`, not the object built here: Apollo hands resolvers a shallow copy of the context
    forgetReads(this: RequestContext) {
      em.clear();
      this.loaders = createLoaders(em, reads);
    },
  };
  return context;
}
