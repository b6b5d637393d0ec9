// Issue 14: the DPO's weekly digest runs kb:check's own check of the published notices (knowledge/import/check.ts,
// through functions/channels/escalation/published-check.ts) and says, per notice, what the assistant would now answer
// differently — against a real (loopback) council site: a changed page, an unchanged one, a 404, one that never
// answers. None of them fails the digest, and the knowledge base is never changed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '#core/knowledge-schema.ts';
import { ESCALATIONS_KEY_SCHEMA } from '#adapters/dynamodb-escalation-store.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { boundedFetcher, checkPublishedNotices } from '../../functions/channels/escalation/published-check.ts';
import { wireDigest } from '../../functions/channels/escalation/wire-digest.ts';
import {
  ensureMailQueueTable,
  ensureUnansweredTable,
  startLocalDynamo,
  type LocalDynamo,
} from '../../functions/local/dynalite.ts';
import { ensureTable } from '../../functions/local/tables.ts';
import { importNotice } from '../../knowledge/import/import-notice.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadSources } from '../../knowledge/sources.ts';
import { indexOf } from '../helpers.ts';

/** A council's page as its CMS serves it: navigation, a cookie banner, a footer around the notice. */
const page = (
  years: string,
  extraRecipient = '',
) => `<!doctype html><html><head><title>Parking Permits Privacy Notice</title>
</head><body><nav>Home › Parking</nav><div class="cookie-banner">We use cookies. <button>Accept</button></div><main>
<h1>Parking Permits Privacy Notice</h1>
<h2>What information we collect</h2><p>We collect your name, address and vehicle registration to issue a parking permit.</p>
<h2>Who we share it with</h2><ul><li>the DVLA, to check the vehicle's keeper</li><li>our enforcement contractor</li>${extraRecipient}</ul>
<h2>How long we keep it</h2><p>Parking permit records are kept for ${years} after the permit ends.</p>
<h2>Your rights</h2><p>You can ask for a copy of your personal data. Contact the Data Protection Officer at dataprotection@southend.gov.uk.</p>
</main><footer>© Southend-on-Sea City Council · ${Math.random()}</footer></body></html>`;
const IMPORTED = page('six years');
const REVISED = page('two years', '<li>the police, to prevent and detect crime</li>');

/** The same notice published as a PDF (pdf-lib): headings in larger bold type. */
async function pdf(years: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const sheet = doc.addPage([595, 842]);
  const [regular, bold] = [
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  ];
  const lines: [string, number][] = [
    ['Parking Permits Privacy Notice', 18],
    ['What information we collect', 14],
    ['We collect your name, address and vehicle registration to issue a parking permit.', 10],
    ['How long we keep it', 14],
    [`Parking permit records are kept for ${years} after the permit ends.`, 10],
    ['Your rights', 14],
    ['You can ask for a copy of your personal data. Contact dataprotection@southend.gov.uk.', 10],
  ];
  lines.forEach(([text, size], i) =>
    sheet.drawText(text, { x: 50, y: 790 - i * 30, size, font: size > 10 ? bold : regular }),
  );
  return doc.save();
}

let dynamo: LocalDynamo;
let site: Server;
let base: string;
let requests: string[] = [];

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await ensureMailQueueTable(dynamo.client, 'mail');
  await ensureTable(dynamo.client, 'escalations', {
    partitionKey: 'pk',
    indexes: [ESCALATIONS_KEY_SCHEMA.openComplaints],
  });
  await ensureUnansweredTable(dynamo.client, 'unanswered');
  const revisedPdf = await pdf('two years');
  site = createServer((request, response) => {
    requests.push(request.url!);
    if (request.url === '/changed.pdf') return void response.end(revisedPdf);
    if (request.url === '/same')
      response.end(page('six years')); // another footer: markup alone is no change
    else if (request.url === '/changed') response.end(REVISED);
    else if (request.url === '/slow')
      return; // never answers
    else response.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  site.closeAllConnections();
  await new Promise<void>((resolve) => site.close(() => resolve()));
  await dynamo.close();
});

/**
 * The real notices without a url (so nothing leaves this machine), and the Southend parking notice imported with
 * kb:import at each of `paths` (id → path); `pasted` ones as if pasted by hand, `pdfs` imported from the PDF.
 */
async function knowledgeBase(
  paths: Record<string, string>,
  { pasted = {}, pdfs = {} }: { pasted?: Record<string, string>; pdfs?: Record<string, string> } = {},
) {
  const { files, registry, thesaurus } = loadSources();
  const fromPage = await importNotice(new TextEncoder().encode(IMPORTED), 'page.html', { council: 'southend' });
  const fromPdf = await importNotice(await pdf('six years'), 'notice.pdf', { council: 'southend' });
  const at = (id: string, path: string, imported: { file: string }, withHash = true) =>
    parseNoticeFile(
      imported.file
        .replace(/^id: .*$/m, `id: ${id}`)
        .replace(/^contentHash: .*$/m, withHash ? `url: ${base}${path}\n$&` : `url: ${base}${path}`),
      `${id}.txt`,
    );
  return buildKnowledgeBase(
    [
      ...files.filter((f) => !f.meta.url),
      ...Object.entries(paths).map(([id, path]) => at(id, path, fromPage)),
      // Pasted by hand, as the seeds were: no content hash, so only the facts can say whether it changed.
      ...Object.entries(pasted).map(([id, path]) => at(id, path, fromPage, false)),
      ...Object.entries(pdfs).map(([id, path]) => at(id, path, fromPdf)),
    ],
    registry,
    thesaurus,
  );
}

async function runDigest(kb: KnowledgeBase, checkPublished: () => ReturnType<typeof checkPublishedNotices>) {
  const outbox = join(mkdtempSync(join(tmpdir(), 'digest-published-')), 'outbox');
  const results = await wireDigest({
    dynamo: dynamo.client,
    tables: { escalations: 'escalations', mail: 'mail', unanswered: 'unanswered' },
    index: indexOf(kb),
    sender: new LocalOutbox(outbox),
    logger: new Logger({ serviceName: 'digest-test', logLevel: 'SILENT' }),
    acknowledgeLink: { base: 'https://assistant.council.example/ack', secret: 'test-secret' },
    now: () => new Date('2026-11-30T08:00:00Z'),
    checkPublished,
  })();
  const mails = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8'));
  return { results, mails, southend: mails.find((m) => m.includes('To: dataprotection@southend.gov.uk'))! };
}

describe('the weekly digest checks the published notices as kb:check does', () => {
  it('says per notice what changed fact by fact, what did not, and what could not be checked; never fails', async () => {
    const kb = await knowledgeBase(
      {
        'southend-parking-changed': '/changed',
        'southend-parking-same': '/same',
        'southend-parking-missing': '/missing',
        'southend-parking-slow': '/slow',
      },
      { pasted: { 'southend-parking-pasted': '/changed' }, pdfs: { 'southend-parking-pdf': '/changed.pdf' } },
    );
    const before = JSON.stringify(kb);
    const { results, mails, southend } = await runDigest(kb, () => checkPublishedNotices(kb, { timeoutMs: 300 }));

    expect(results.length).toBeGreaterThan(1);
    expect(results.every((r) => r.sent)).toBe(true);
    expect(southend).toContain(
      'Published notices compared with what was imported (6), and what the assistant would now answer differently:',
    );
    expect(southend).toContain(
      '  southend-parking-changed: CHANGED since import — 1 fact(s) changed, 1 added, 0 removed;',
    );
    expect(southend).toContain('    ~ retention of Parking permit records: six years → two years');
    expect(southend).toContain(
      `(npm run kb:import -- ${base}/changed --council southend --id southend-parking-changed --replace)`,
    );
    expect(southend).toContain('    + sharing: “the police, to prevent and detect crime”');
    expect(southend).toContain('  southend-parking-same: unchanged since import');
    expect(southend).toContain(
      `  southend-parking-missing: could not check (could not fetch ${base}/missing: HTTP 404)`,
    );
    expect(southend).toContain(
      `  southend-parking-slow: could not check (could not fetch ${base}/slow: no answer within 0.3 s)`,
    );
    // A notice pasted by hand has no hash to compare, but its facts are compared all the same.
    expect(southend).toMatch(
      /southend-parking-pasted: CHANGED since import[^\n]*\n {4}~ retention of Parking permit records: six years → two years/,
    );
    // A notice published as a PDF is compared too (pdf.js takes over the bytes it reads: each read has its own).
    expect(southend).toMatch(
      /southend-parking-pdf: CHANGED since import[^\n]*\n {4}~ retention of Parking permit records: six years → two years/,
    );
    // Each council's digest lists its own notices only.
    for (const other of mails.filter((m) => m !== southend)) expect(other).not.toContain('southend-parking-');
    // The check never changes the knowledge base: re-import is a deliberate step.
    expect(JSON.stringify(kb)).toBe(before);
  }, 30_000);

  it('fetches a page several notices share once, and no page once the run’s time for pages is spent', async () => {
    requests = [];
    let clock = 0;
    const fetcher = boundedFetcher({ timeoutMs: 300, budgetMs: 1_000, now: () => clock });
    await fetcher(`${base}/same`);
    await fetcher(`${base}/same`);
    expect(requests).toEqual(['/same']);
    clock = 1_000;
    const kb = await knowledgeBase({ 'southend-parking-late': '/changed', 'southend-parking-same': '/same' });
    const checks = await checkPublishedNotices(kb, { fetcher });
    expect(checks.find((c) => c.notice === 'southend-parking-late')).toMatchObject({
      status: 'unreachable',
      lines: ["southend-parking-late: could not check (not fetched: the digest's 1 s for published pages were spent)"],
    });
    expect(checks.find((c) => c.notice === 'southend-parking-same')?.status).toBe('unchanged');
    expect(requests).toEqual(['/same']);
  });

  it('says so in each digest when the whole check fails, and still sends it', async () => {
    const kb = await knowledgeBase({});
    const { results, southend } = await runDigest(kb, () => Promise.reject(new Error('out of memory')));
    expect(results.every((r) => r.sent)).toBe(true);
    expect(southend).toContain('Published notices: not checked this week (out of memory).');
  });
});
