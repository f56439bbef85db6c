import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The docs page's own CSP. The API's default (helmet: default-src 'none') would block the page's
 * script and stylesheet; this one still allows no inline script and nothing from elsewhere.
 * Inline styles are allowed: Swagger UI's React components set style attributes.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI starting on the document; a file of its own, not an inline script, so the CSP holds. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    layout: 'BaseLayout',
    validatorUrl: null,
  });
});
`;

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Telehealth API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;

export type DocsAsset = { type: string } & ({ file: string } | { text: string });

const SWAGGER_UI_DIR = path.dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));

/** The only files /api/docs/:file serves: a fixed list, so no path from the URL reaches the disk. */
export const DOCS_ASSETS: Readonly<Record<string, DocsAsset>> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', file: path.join(SWAGGER_UI_DIR, 'swagger-ui.css') },
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', file: path.join(SWAGGER_UI_DIR, 'swagger-ui-bundle.js') },
  'favicon-32x32.png': { type: 'image/png', file: path.join(SWAGGER_UI_DIR, 'favicon-32x32.png') },
  'init.js': { type: 'text/javascript; charset=utf-8', text: INIT_SCRIPT },
};
