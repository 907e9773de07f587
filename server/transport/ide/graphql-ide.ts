import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Router } from 'express';

const PAGE_DIR = path.join(__dirname, 'page');

/** GraphiQL and the React it runs on, as their packages publish them for a page without a bundler. */
function ideFiles(): Record<string, string> | null {
  // Their `exports` maps name no such files, so they are found beside each package's package.json.
  const inPackage = (name: string, file: string) => {
    const found = path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
    if (!existsSync(found)) throw new Error(`${name} has no ${file}`);
    return found;
  };
  try {
    return {
      'graphiql.min.js': inPackage('graphiql', 'graphiql.min.js'),
      'graphiql.min.css': inPackage('graphiql', 'graphiql.min.css'),
      'react.production.min.js': inPackage('react', 'umd/react.production.min.js'),
      'react-dom.production.min.js': inPackage('react-dom', 'umd/react-dom.production.min.js'),
    };
  } catch {
    // Development dependencies: absent where only the production dependencies are installed.
    return null;
  }
}

/** Everything from this server: the IDE works offline, and a page of it can reach nothing else. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  // GraphiQL sets styles on its elements, and the page sizes itself in a <style>.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * GraphiQL at `GET /graphql` for a browser (a request that prefers HTML and carries no query), served from
 * the server's own files. Null when GraphiQL is not installed.
 */
export function graphqlIde(): Router | null {
  const files = ideFiles();
  if (!files) return null;
  const router = express.Router();
  router.get('/graphql', (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html')
      return next();
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.sendFile(path.join(PAGE_DIR, 'index.html'));
  });
  router.get('/graphql-ide/:file', (req, res, next) => {
    const name = req.params.file;
    const file = Object.hasOwn(files, name)
      ? files[name]
      : name === 'ide.js'
        ? path.join(PAGE_DIR, name)
        : null;
    if (!file) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file);
  });
  return router;
}
