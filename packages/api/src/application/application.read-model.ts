import { Application, type ApplicationStatus, type EntityManager } from '@xingfu/domain';
import { keysetPage } from '../context/columns.js';

/** The read model of applications (their relations load through the request's loaders). */
export function applicationPage(
  em: EntityManager,
  filter: { region: string; status?: ApplicationStatus | null; programCode?: string | null },
  window: { limit: number; afterId: number },
) {
  return keysetPage(
    em,
    Application,
    {
      village: { $like: `${filter.region}%` },
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.programCode ? { program: filter.programCode } : {}),
    },
    window,
  );
}
