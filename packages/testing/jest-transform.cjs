// Jest runs our ES modules as CommonJS (Node 24 lets it require() MikroORM's ESM). The one ESM-only
// construct our sources use is `import.meta.url`; rewrite it to its CommonJS equivalent before swc.
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

const rewrite = (source) =>
  source.includes('import.meta.url')
    ? source.replaceAll('import.meta.url', "require('node:url').pathToFileURL(__filename).href")
    : source;

module.exports = {
  process: (source, path, options) => swc.process(rewrite(source), path, options),
  getCacheKey: (source, path, options) => swc.getCacheKey(rewrite(source), path, options),
};
