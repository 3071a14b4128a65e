import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The page's script and styles come from the swagger-ui-dist package, served from here: no CDN, so the
// docs work on a network that reaches only Vexil.
const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Vexil REST API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="docs"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/docs.js"></script>
  </body>
</html>
`;

const SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/docs/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  docExpansion: 'none',
  filter: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

interface Asset {
  type: string;
  body: () => Promise<Buffer>;
}

const ASSETS: Record<string, Asset> = {
  '/docs': { type: 'text/html; charset=utf-8', body: async () => Buffer.from(PAGE) },
  '/docs/docs.js': { type: 'text/javascript; charset=utf-8', body: async () => Buffer.from(SCRIPT) },
  '/docs/swagger-ui.css': {
    type: 'text/css; charset=utf-8',
    body: () => readFile(join(swaggerUi, 'swagger-ui.css')),
  },
  '/docs/swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    body: () => readFile(join(swaggerUi, 'swagger-ui-bundle.js')),
  },
};

/** The paths the docs page is served at. */
export const docsPaths = Object.keys(ASSETS);

/**
 * Serves the API documentation page (`/docs`) and its assets, read and compressed once on first use:
 * the page renders the OpenAPI document of the REST dialects.
 */
export function docsPage() {
  const cache = new Map<string, Promise<{ plain: Buffer; gzip: Buffer }>>();
  return async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const asset = ASSETS[path.replace(/\/$/, '')]!;
    let loaded = cache.get(path);
    if (!loaded) {
      loaded = asset.body().then((plain) => ({ plain, gzip: gzipSync(plain) }));
      cache.set(path, loaded);
    }
    const { plain, gzip } = await loaded;
    const zipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = zipped ? gzip : plain;
    response.writeHead(200, {
      'content-type': asset.type,
      'content-length': body.length,
      'cache-control': 'public, max-age=3600',
      vary: 'accept-encoding',
      ...(zipped ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(body);
  };
}
