import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The IDE's files, from installed packages (GraphiQL 3 UMD build and React 18 UMD). */
export const IDE_ASSETS: Record<string, string> = {
  'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
  'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'react.production.min.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
};
