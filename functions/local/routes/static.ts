/**
 * The widget (widget.js, widget.css: any origin may load them, as from CloudFront) and the demo council site, served
 * under a strict Content-Security-Policy.
 *
 * Every file is read, hashed and gzipped once, at start, with its response headers made then too, so a request
 * only picks a prepared answer: gzip when the client accepts it (`Vary: Accept-Encoding`), a strong ETag per
 * encoding (from the content, so a file changed before a restart gets a new one), `Cache-Control: no-cache` (the
 * browser revalidates, and gets 304 Not Modified while the ETag matches).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { COMMON_HEADERS, allowed } from '../guard.ts';
import type { LocalRoute } from './route.ts';

/** The demo site's policy: no inline script or style, nothing from anywhere but this origin. */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const DEMO_DIR = new URL('../demo/', import.meta.url);

const HTML = 'text/html; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const PAGES: Record<string, [file: string, type: string]> = {
  '/': ['index.html', HTML],
  '/council': ['council.html', HTML],
  '/accessibility': ['accessibility.html', HTML],
  // The assistant's own privacy notice, which the widget links to (`${api}/assistant-privacy.html`).
  '/assistant-privacy.html': ['assistant-privacy.html', HTML],
  '/demo.css': ['demo.css', CSS],
};

/** One encoding of one file: its bytes, its ETag and every header of a 200, made once. */
interface Variant {
  body: Buffer;
  etag: string;
  headers: Readonly<OutgoingHttpHeaders>;
  notModified: Readonly<OutgoingHttpHeaders>;
}

interface Asset {
  identity: Variant;
  gzip: Variant;
}

function prepare(content: string | Buffer, headers: OutgoingHttpHeaders): Asset {
  const body = Buffer.from(content);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const variant = (bytes: Buffer, etag: string, encoding?: string): Variant => {
    const common = { ...COMMON_HEADERS, ...headers, 'cache-control': 'no-cache', vary: 'Accept-Encoding', etag };
    return {
      body: bytes,
      etag,
      headers: Object.freeze({
        ...common,
        ...(encoding ? { 'content-encoding': encoding } : {}),
        'content-length': bytes.length,
      }),
      notModified: Object.freeze(common),
    };
  };
  return {
    identity: variant(body, `"${hash}"`),
    gzip: variant(gzipSync(body, { level: 9 }), `"${hash}-gzip"`, 'gzip'),
  };
}

/** Whether `accept-encoding` allows gzip: named (or `*`) with a quality above 0. */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of String(acceptEncoding).split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    if (coding.trim() === 'gzip' || coding.trim() === 'x-gzip') gzip = quality;
    else if (coding.trim() === '*') any = quality;
  }
  return (gzip ?? any ?? 0) > 0;
}

/** If-None-Match lists this file's ETag (either encoding's, weak or strong, or `*`). */
function matches(ifNoneMatch: string | undefined, asset: Asset): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === asset.identity.etag || t === asset.gzip.etag;
  });
}

function serveAsset(response: ServerResponse, headers: IncomingHttpHeaders, method: string | undefined, asset: Asset) {
  const variant = acceptsGzip(headers['accept-encoding']) ? asset.gzip : asset.identity;
  if (matches(headers['if-none-match'], asset)) {
    response.writeHead(304, variant.notModified);
    response.end();
    return;
  }
  response.writeHead(200, variant.headers);
  response.end(method === 'HEAD' ? undefined : variant.body);
}

/** `demoDir`: where the demo pages are read from, once (default functions/local/demo/). */
export function staticRoute(widget: { js: string; css: string }, demoDir: URL = DEMO_DIR): LocalRoute {
  const widgetHeaders = { 'access-control-allow-origin': '*' };
  const assets = new Map<string, Asset>([
    ['/widget.js', prepare(widget.js, { ...widgetHeaders, 'content-type': 'text/javascript; charset=utf-8' })],
    ['/widget.css', prepare(widget.css, { ...widgetHeaders, 'content-type': CSS })],
    ...Object.entries(PAGES).map(
      ([path, [file, type]]) =>
        [
          path,
          prepare(readFileSync(new URL(file, demoDir)), { 'content-type': type, 'content-security-policy': DEMO_CSP }),
        ] as const,
    ),
  ]);
  return {
    matches: (path) => assets.has(path),
    async serve(request, response, path) {
      if (!allowed(response, request.method, ['GET', 'HEAD'])) return;
      serveAsset(response, request.headers, request.method, assets.get(path)!);
    },
  };
}
