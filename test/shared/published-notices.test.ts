// Issue 14: the digest in AWS says which notices changed on the council's site since import — fetched from a real
// (loopback) HTTP server: an unchanged page, a changed one, a 404, one that never answers, one that is not there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '#core/knowledge-schema.ts';
import { checkPublishedNotices, formatPublishedChecks } from '#shared/published-notices.ts';
import { contentHash } from '../../knowledge/import/content-hash.ts';
import { htmlToNotice } from '../../knowledge/import/html.ts';

const page = (retention: string) =>
  `<!doctype html><html><head><title>Parking Privacy Notice</title></head><body><nav>Home › Parking</nav><main>
  <h1>Parking Privacy Notice</h1><h2>How long we keep your information</h2><p>We keep your personal information for ${retention}.</p>
  <h2>Your rights</h2><p>You can ask for a copy of your personal data. Contact dpo@council.example.</p></main>
  <footer>Page last updated: 2 March 2026 · ${Math.random()}</footer></body></html>`;
const IMPORTED = page('six years');
let server: Server;
let base: string;
let requests: string[];

beforeAll(async () => {
  requests = [];
  server = createServer((request, response) => {
    requests.push(request.url!);
    if (request.url === '/same')
      response.end(page('six years')); // another footer: markup alone is no change
    else if (request.url === '/changed') response.end(page('two years'));
    else if (request.url === '/pdf') response.end('%PDF-1.7 …');
    else if (request.url === '/slow')
      return; // never answers
    else response.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const notice = (id: string, url?: string, hash: string | undefined = contentHash(htmlToNotice(IMPORTED).text)) =>
  ({ id, council: 'testshire', ...(url ? { url } : {}), ...(hash ? { contentHash: hash } : {}) }) as Notice;

describe('published notices compared with their import', () => {
  it('says changed, unchanged or unreachable per notice, and never fails the check', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const checks = await checkPublishedNotices(
      [
        notice('same', `${base}/same`),
        notice('changed', `${base}/changed`),
        notice('missing', `${base}/missing`),
        notice('slow', `${base}/slow`),
        notice('refused', refusedUrl),
        notice('pdf', `${base}/pdf`),
        notice('pasted', `${base}/same`, ''),
        notice('offline'),
      ],
      { timeoutMs: 300 },
    );
    expect(checks.map((c) => [c.notice, c.status])).toEqual([
      ['same', 'unchanged'],
      ['changed', 'changed'],
      ['missing', 'unreachable'],
      ['slow', 'unreachable'],
      ['refused', 'unreachable'],
      ['pdf', 'not-checked'],
      ['pasted', 'not-checked'],
      ['offline', 'no-url'],
    ]);
    expect(checks.find((c) => c.notice === 'missing')).toMatchObject({ error: 'HTTP 404' });
    expect(checks.find((c) => c.notice === 'slow')).toMatchObject({ error: 'no answer within 0.3 s' });

    const lines = formatPublishedChecks(checks).join('\n');
    expect(lines).toContain('same: unchanged since import');
    expect(lines).toContain(`changed: CHANGED since import`);
    expect(lines).toContain(`npm run kb:import -- ${base}/changed --council testshire --replace`);
    expect(lines).toContain('missing: could not check (HTTP 404)');
    expect(lines).toContain('pasted: not checked here (not imported with kb:import');
  });

  it('fetches a page several notices share once', async () => {
    requests.length = 0;
    await checkPublishedNotices([notice('a', `${base}/same`), notice('b', `${base}/same`)]);
    expect(requests).toEqual(['/same']);
  });
});
