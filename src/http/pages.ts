import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { PROJECT_ROOT } from '../config.js';

/** Where `npm run build:web` writes the pages and their bundles (web/vite.config.ts). */
export const WEB_BUILD_DIR = path.join(PROJECT_ROOT, 'public', 'build');

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/**
 * The playground's prebuilt files, served straight from node_modules so their versions are the lockfile's.
 * The source map sits where graphiql.min.js's sourceMappingURL comment points.
 */
function vendorFiles(): Map<string, string> {
  const react = packageDir('react');
  const reactDom = packageDir('react-dom');
  const graphiql = packageDir('graphiql');
  return new Map([
    ['react.production.min.js', path.join(react, 'umd', 'react.production.min.js')],
    ['react-dom.production.min.js', path.join(reactDom, 'umd', 'react-dom.production.min.js')],
    ['graphiql.min.js', path.join(graphiql, 'graphiql.min.js')],
    ['index.umd.js.map', path.join(graphiql, 'dist', 'index.umd.js.map')],
    ['graphiql.min.css', path.join(graphiql, 'graphiql.min.css')],
  ]);
}

/**
 * Everything our pages load comes from this server: the policy makes the browser refuse anything else, so a
 * page cannot reach the internet even if a library tried. GraphiQL's editors set inline styles and its fonts
 * are data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A browser navigating to the page, as opposed to a GraphQL client (which asks for JSON, or for anything). */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

function sendPage(file: string) {
  return (_req: Request, res: Response): void => {
    const page = path.join(WEB_BUILD_DIR, file);
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.set('Cache-Control', 'no-cache');
    if (!existsSync(page)) {
      res.status(503).type('text/plain').send('The web pages are not built: run `npm run build:web` (or `npm run build`).\n');
      return;
    }
    res.sendFile(page);
  };
}

function notFound(_req: Request, res: Response): void {
  res.status(404).type('text/plain').send('Not found\n');
}

/**
 * The browser pages (GraphQL playground at / and at GET /graphql for browsers, graph explorer at /explore,
 * dashboard at /dashboard),
 * every asset served from this server. Mounted before the GraphQL route.
 */
export function mountPages(app: Express): void {
  const playground = sendPage('playground.html');
  const explorer = sendPage('explore.html');
  const dashboard = sendPage('dashboard.html');

  app.get('/', playground);
  app.get('/explore', explorer);
  app.get('/dashboard', dashboard);
  // Same URL for people and programs: a browser gets the playground, a GraphQL client goes on to Apollo.
  app.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    res.vary('Accept');
    if (wantsHtml(req)) playground(req, res);
    else next();
  });

  // Bundles have content hashes in their names, so they never change under a URL.
  app.use('/build', express.static(WEB_BUILD_DIR, { index: false, immutable: true, maxAge: '365d' }));
  app.use('/build', notFound);

  const vendor = vendorFiles();
  app.get('/vendor/:file', (req: Request, res: Response) => {
    const file = vendor.get(String(req.params['file']));
    if (!file) {
      notFound(req, res);
      return;
    }
    // Names carry no version: revalidate daily (ETag) so an upgrade reaches browsers.
    res.sendFile(file, { maxAge: '1d' });
  });
  app.get(['/favicon.svg', '/favicon.ico'], (_req: Request, res: Response) => {
    res.type('image/svg+xml').sendFile(path.join(PROJECT_ROOT, 'public', 'favicon.svg'), { maxAge: '1d' });
  });
}
