// Issue 15: the local server serves the widget and the demo site fast — gzipped once at start when the client accepts
// it, with an ETag and Cache-Control, and 304 Not Modified while the browser's copy is current.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { acceptsGzip } from '../../functions/local/routes/static.ts';

/** A raw GET (fetch would undo the gzip): status, headers and the bytes as sent. */
function get(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, logLevel: 'SILENT' });
});
afterAll(() => server.close());

describe('local server: static assets', () => {
  it.each(['/widget.js', '/widget.css', '/', '/demo.css'])(
    '%s: gzip when accepted decodes to the same bytes as the plain response',
    async (path) => {
      const plain = await get(`${server.url}${path}`);
      const gzipped = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.body.length).toBeLessThan(plain.body.length);
      expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
      expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
      for (const response of [plain, gzipped]) {
        expect(response.headers.vary).toMatch(/accept-encoding/i);
        expect(response.headers['cache-control']).toBe('no-cache');
        expect(response.headers['content-type']).toBe(plain.headers['content-type']);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    },
  );

  it('keeps the widget loadable from any council site and the demo pages under their policy', async () => {
    const widget = await get(`${server.url}/widget.js`, { 'accept-encoding': 'gzip' });
    expect(widget.headers['access-control-allow-origin']).toBe('*');
    expect(widget.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const page = await get(`${server.url}/council`, { 'accept-encoding': 'gzip' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(gunzipSync(page.body).toString('utf8')).toMatch(/data-privacy-assistant/);
  });

  it('gives a stable ETag per encoding, and 304 with no body while If-None-Match has it', async () => {
    const first = await get(`${server.url}/widget.js`, { 'accept-encoding': 'gzip' });
    const again = await get(`${server.url}/widget.js`, { 'accept-encoding': 'gzip' });
    const plain = await get(`${server.url}/widget.js`);
    expect(first.headers.etag).toMatch(/^"[^"]+"$/);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(plain.headers.etag).not.toBe(first.headers.etag); // another representation, another strong ETag

    for (const ifNoneMatch of [first.headers.etag!, `W/${first.headers.etag}`, `"other", ${plain.headers.etag}`]) {
      const revalidated = await get(`${server.url}/widget.js`, {
        'accept-encoding': 'gzip',
        'if-none-match': ifNoneMatch,
      });
      expect(revalidated.status, ifNoneMatch).toBe(304);
      expect(revalidated.body.length).toBe(0);
      expect(revalidated.headers.etag).toBe(first.headers.etag);
      expect(revalidated.headers['cache-control']).toBe('no-cache');
    }
    const stale = await get(`${server.url}/widget.js`, { 'if-none-match': '"not-this-one"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(plain.body)).toBe(true);
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const head = await get(`${server.url}/widget.css`, { 'accept-encoding': 'gzip' }, 'HEAD');
    const full = await get(`${server.url}/widget.css`, { 'accept-encoding': 'gzip' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe(full.headers.etag);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
  });

  it('reads a file once at start: a page changed before a restart gets a new ETag and its new content', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'pna-demo-'));
    cpSync(new URL('../../functions/local/demo/', import.meta.url), demoDir, { recursive: true });
    const demo = pathToFileURL(`${demoDir}/`);
    const before = await startLocalServer({ port: 0, logLevel: 'SILENT', demoDir: demo });
    const old = await get(`${before.url}/demo.css`);
    await before.close();

    writeFileSync(
      join(demoDir, 'demo.css'),
      `${readFileSync(join(demoDir, 'demo.css'), 'utf8')}\nbody { margin: 0; }\n`,
    );
    const after = await startLocalServer({ port: 0, logLevel: 'SILENT', demoDir: demo });
    try {
      const changed = await get(`${after.url}/demo.css`, { 'if-none-match': old.headers.etag! });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(old.headers.etag);
      expect(changed.body.toString('utf8')).toMatch(/body \{ margin: 0; \}/);
    } finally {
      await after.close();
    }
  }, 60_000);

  it('reads Accept-Encoding as HTTP does: a quality of 0 refuses gzip, * allows it', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0.0, br')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
