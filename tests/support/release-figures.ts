import { cutRelease } from '@xingfu/domain';
import type { TestDatabase } from './test-database.js';

/**
 * Cuts a release of everything loaded (as the first start does) and returns its id. The
 * calibration tests then read its figures from the public downloads (./public-downloads.ts).
 */
export async function cutTestRelease(db: TestDatabase): Promise<string> {
  const release = await db.orm.em.fork().transactional((em) => cutRelease(em, { createdBy: 'test', note: 'calibration' }));
  return release.id;
}
