// Lets plain Node require the repo's TypeScript (e2e/support/*.ts) through @swc/core, the
// compiler jest already uses here: `require('./ts-require.cjs')` before requiring a .ts file.
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] ??= function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
