/**
 * The widget (widget.js, widget.css: any origin may load them, as from CloudFront) and the demo council site, served
 * under a strict Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import { COMMON_HEADERS, allowed } from '../guard.ts';
import type { LocalRoute } from './route.ts';

/** The demo site's policy: no inline script or style, nothing from anywhere but this origin. */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const DEMO = new URL('../demo/', import.meta.url);
const PAGES: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/council': ['council.html', 'text/html; charset=utf-8'],
  '/accessibility': ['accessibility.html', 'text/html; charset=utf-8'],
  // The assistant's own privacy notice, which the widget links to (`${api}/assistant-privacy.html`).
  '/assistant-privacy.html': ['assistant-privacy.html', 'text/html; charset=utf-8'],
  '/demo.css': ['demo.css', 'text/css; charset=utf-8'],
};

export function staticRoute(widget: { js: string; css: string }): LocalRoute {
  return {
    matches: (path) => path === '/widget.js' || path === '/widget.css' || Object.hasOwn(PAGES, path),
    async serve(request, response, path) {
      if (!allowed(response, request.method, ['GET', 'HEAD'])) return;
      if (path === '/widget.js' || path === '/widget.css') {
        const js = path === '/widget.js';
        response.writeHead(200, {
          ...COMMON_HEADERS,
          'content-type': js ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
          'cache-control': 'no-cache',
          'access-control-allow-origin': '*',
        });
        response.end(request.method === 'HEAD' ? undefined : js ? widget.js : widget.css);
        return;
      }
      const page = PAGES[path]!;
      response.writeHead(200, { ...COMMON_HEADERS, 'content-type': page[1], 'content-security-policy': DEMO_CSP });
      response.end(request.method === 'HEAD' ? undefined : readFileSync(new URL(page[0], DEMO)));
    },
  };
}
