import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (this file is packages/cli/{src,dist}/runtime/paths). */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Relative paths in the configuration are relative to the workspace root, whatever the cwd. */
export function fromRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(WORKSPACE_ROOT, path);
}
