// Preloaded into the compiled server under test. The production image installs no devDependencies, so a
// compiler it needed at run time would be missing there: loading one fails here in the same way.
const Module = require('node:module');

const COMPILER = /^(typescript|ts-node|esbuild|@swc\/|@swc-node\/)/;
const load = Module._load;
Module._load = function loadWithoutCompilers(request, ...rest) {
  if (COMPILER.test(request)) throw new Error(`the compiled server loaded a compiler: ${request}`);
  return load.call(this, request, ...rest);
};
