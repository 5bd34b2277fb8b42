// Runs TypeScript sources directly: ts-node with the SWC transpiler (keeps decorator
// metadata, which Nest and TypeORM need) and the @tracker/* path aliases.
const path = require('path');
const root = path.resolve(__dirname, '..');
require('ts-node').register({
  project: path.join(root, 'tsconfig.json'),
  transpileOnly: true,
  swc: true,
});
require('tsconfig-paths').register({
  baseUrl: root,
  paths: require(path.join(root, 'tsconfig.json')).compilerOptions.paths,
});
