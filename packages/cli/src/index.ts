export { generatedSdl, SCHEMA_FILES } from './commands/schema.command.js';
export { WORKSPACE_ROOT, fromRoot } from './runtime/paths.js';
export { markSiteBuilt, siteIsCurrent } from './runtime/site-build.js';
