import type { Actor, EntityManager } from '@xingfu/domain';
import type { Logger } from '../logging/logger.js';
import type { Loaders } from './loaders.js';

/** What every resolver receives: an entity manager forked for this request and its loaders. */
export interface RequestContext {
  em: EntityManager;
  /** The verified caller; null on the public endpoint. */
  actor: Actor | null;
  loaders: Loaders;
  logger: Logger;
}
