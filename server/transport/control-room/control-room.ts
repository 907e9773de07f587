import { readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Response, Router } from 'express';

/** The page itself: static HTML, CSS and one ES module, with no build step. */
export const PAGE_DIR = path.join(__dirname, 'page');

/** Same-origin only: the page reads `/graphql` over HTTP and WebSocket and loads nothing from elsewhere. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function setPageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The token travels in the fragment, which browsers never send; this keeps the query out of referrers too.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-cache');
}

/**
 * graphql-ws's own browser build (`dist/client.js`) and the chunk files it imports, found by following its
 * relative imports, so the browser can load the module as published without a bundler.
 */
export function graphqlWsBrowserFiles(): { dir: string; files: ReadonlySet<string> } {
  // The package exports no package.json; its CommonJS client sits beside the ES module one.
  const dir = path.dirname(require.resolve('graphql-ws/client'));
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']\.\/([\w.-]+\.js)["']/g)) {
      visit(match[1]!);
    }
  };
  visit('client.js');
  return { dir, files };
}

/**
 * The control-room page, mounted at `/control-room`: `/control-room?unit=CODE` is the page, its files sit
 * beside it, and `/control-room/vendor/graphql-ws/client.js` is the WebSocket client it imports.
 */
export function controlRoom(): Router {
  const router = express.Router();
  const vendor = graphqlWsBrowserFiles();

  router.get('/', (_req, res) => {
    setPageHeaders(res);
    res.sendFile(path.join(PAGE_DIR, 'index.html'));
  });
  router.get('/vendor/graphql-ws/:file', (req, res, next) => {
    const file = req.params.file;
    if (!vendor.files.has(file)) return next();
    setPageHeaders(res);
    res.sendFile(path.join(vendor.dir, file));
  });
  router.use(
    express.static(PAGE_DIR, {
      index: false,
      redirect: false,
      setHeaders: (res) => setPageHeaders(res),
    }),
  );
  return router;
}
