import { fileURLToPath } from 'node:url';

/** The workspace root (this file is packages/bench/{src,dist}/paths). */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The `xingfu` command as built (packages/cli/dist/main.js). */
export const CLI_MAIN = fileURLToPath(new URL('../../cli/dist/main.js', import.meta.url));

/** This package's server entry points (compiled). */
export const POSTGRAPHILE_SERVER = fileURLToPath(new URL('./servers/postgraphile-server.js', import.meta.url));
export const CEILING_SERVER = fileURLToPath(new URL('./servers/ceiling-server.js', import.meta.url));
