import Module from 'node:module';
import { pathToFileURL } from 'node:url';

/** The package name plugins import the kit by: `import { defineKpi } from 'progress-platform/kpi'`. */
export const KIT_SPECIFIER = 'progress-platform/kpi';

interface ModuleResolution {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

let requiresServed = false;
let importsServed = false;

/**
 * Plugins import the kit by its package name wherever their folder is; the server answers with its own kit,
 * so a plugin needs nothing installed beside it to run, and its `defineKpi` and tiers are the server's.
 * CommonJS `require` is served from now on; `import` once `serveKitToImports` is called.
 */
export function serveKitToRequires(): void {
  if (requiresServed) return;
  requiresServed = true;
  const kitFile = require.resolve('./kit');
  const resolution = Module as unknown as ModuleResolution;
  const resolveFilename = resolution._resolveFilename;
  resolution._resolveFilename = function resolveKit(this: unknown, request: string, ...rest: unknown[]) {
    return request === KIT_SPECIFIER ? kitFile : resolveFilename.call(this, request, ...rest);
  };
}

/** For ES-module plugins: the kit is handed to them as the CommonJS module `require` serves. */
export function serveKitToImports(): void {
  if (importsServed) return;
  importsServed = true;
  const kitUrl = pathToFileURL(require.resolve('./kit')).href;
  const hooks = `export async function resolve(specifier, context, next) {
    if (specifier === ${JSON.stringify(KIT_SPECIFIER)}) {
      return { url: ${JSON.stringify(kitUrl)}, format: 'commonjs', shortCircuit: true };
    }
    return next(specifier, context);
  }`;
  try {
    Module.register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  } catch {
    // A test runner's sandbox takes no loader hooks and maps the kit's name itself (jest.config.js).
  }
}
