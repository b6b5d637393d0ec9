import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '#core/answer.ts';
import { checkNotices, formatCheck } from '../../knowledge/import/check.ts';
import { fetchDocument } from '../../knowledge/import/fetch.ts';
import { decodeCloudflareEmail, htmlToNotice, reviewedDate } from '../../knowledge/import/html.ts';
import { ImportError, importNotice } from '../../knowledge/import/import-notice.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { parseNoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadSources } from '../../knowledge/sources.ts';
import { indexOf } from '../helpers.ts';

// One notice's content (facts modelled on a council tax notice), published in the ways councils publish.
const SECTIONS: [string, string[], 'p' | 'ul'][] = [
  ['Who we are', ['Testvale Borough Council is the data controller for your council tax account.'], 'p'],
  [
    'What information we collect',
    [
      'your name and address',
      'the names of other adults who live with you',
      'your bank details if you pay by Direct Debit',
    ],
    'ul',
  ],
  [
    'Who we share it with',
    ['the Valuation Office Agency, to band your property', 'enforcement agents, if a debt is not paid'],
    'ul',
  ],
  ['How long we keep it', ['We keep council tax records for six years after the account is closed.'], 'p'],
];
const CF_EMAIL = (email: string, key = 0x5a) =>
  [key, ...[...email].map((c) => c.charCodeAt(0) ^ key)].map((b) => b.toString(16).padStart(2, '0')).join('');

const sectionsHtml = (heading: (h: string) => string) =>
  SECTIONS.map(
    ([h, items, kind]) =>
      heading(h) +
      (kind === 'ul'
        ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
        : items.map((i) => `<p>${i}</p>`).join('')),
  ).join('\n');
const contact = `<p>Email our Data Protection Officer at <a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="${CF_EMAIL('dpo@testvale.example')}">[email&#160;protected]</a> about your personal information.</p>`;

const PAGES: Record<string, string> = {
  'GOV.UK style': `<!doctype html><html><head><title>Council tax privacy notice - Testvale</title></head><body>
    <div class="govuk-cookie-banner" role="region" aria-label="Cookies on Testvale"><p>We use some essential cookies to make this service work.</p><button>Accept analytics cookies</button></div>
    <a href="#main" class="govuk-skip-link">Skip to main content</a>
    <header class="govuk-header"><a href="/">Testvale Borough Council</a></header>
    <nav class="govuk-breadcrumbs" aria-label="Breadcrumb"><ol><li>Home</li><li>Council tax</li></ol></nav>
    <main id="main"><h1>Council tax privacy notice</h1>${sectionsHtml((h) => `<h2>${h}</h2>`)}${contact}
    <div class="feedback"><p>Is this page useful?</p><button>Yes</button><button>No</button></div></main>
    <footer class="govuk-footer"><p>Page last updated: 12 March 2025</p><a href="/cookies">Cookies</a></footer></body></html>`,
  'Jadu accordion': `<html><body><div id="header"><ul class="nav"><li>Residents</li></ul></div><div id="content">
    <h1>Council Tax Privacy Notice</h1><div class="accordion">${SECTIONS.map(
      ([h, items, kind]) =>
        `<div class="accordion__item"><button class="accordion__toggle" aria-expanded="false">${h}</button><div class="accordion__panel" hidden>${kind === 'ul' ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : items.map((i) => `<p>${i}</p>`).join('')}</div></div>`,
    ).join('')}</div>${contact}</div><div class="site-footer">© Testvale</div></body></html>`,
  'Drupal details': `<html><body><nav role="navigation">Menu</nav><article><h1>Privacy notice: council tax</h1>${SECTIONS.map(
    ([h, items, kind]) =>
      `<details><summary>${h}</summary><div class="field__item">${kind === 'ul' ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : items.map((i) => `<p>${i}</p>`).join('')}</div></details>`,
  ).join('')}${contact}</article><aside>Related: Pay your council tax</aside></body></html>`,
  'table layout': `<html><body><main><h1>Council tax privacy notice</h1>${sectionsHtml((h) => `<h3>${h}</h3>`).replace(
    /<h3>How long we keep it<\/h3><p>[^<]*<\/p>/,
    '<h3>How long we keep it</h3><table><tr><th>Record</th><th>How long we keep it</th></tr><tr><td>Council tax records</td><td>Six years after the account is closed</td></tr></table>',
  )}${contact}</main></body></html>`,
};

const { files, registry, thesaurus } = loadSources();
async function importedIndex(bytes: Uint8Array, name: string) {
  const result = await importNotice(bytes, name, { council: 'testvale', id: 'testvale-council-tax' });
  const notice = parseNoticeFile(result.file, 'testvale-council-tax.txt');
  return { result, notice, index: indexOf(buildKnowledgeBase([...files, notice], registry, thesaurus)) };
}
const ask = (index: ReturnType<typeof indexOf>, question: string) =>
  answerQuestion(index, { question, notice: 'testvale-council-tax' }).text;

async function expectTheThreeAnswers(index: ReturnType<typeof indexOf>) {
  expect(ask(index, 'what information do you hold about me')).toContain('bank details');
  expect(ask(index, 'how long do you keep my council tax records')).toMatch(/six years/i);
  expect(ask(index, 'will you give my details to bailiffs')).toMatch(/enforcement agents/i);
}

describe('kb:import from a web page', () => {
  it.each(Object.entries(PAGES))(
    '%s: main content only, and the notice answers the three core questions',
    async (_style, html) => {
      const { result, notice, index } = await importedIndex(new TextEncoder().encode(html), 'page.html');
      expect(notice.body).not.toMatch(/cookies|Skip to|Breadcrumb|Is this page useful|©|Menu|Related:/i);
      expect(notice.body).toContain('dpo@testvale.example');
      expect(notice.meta.contentHash).toMatch(/^[0-9a-f]{64}$/);
      if (_style !== 'table layout') expect(result.dropped.length).toBeGreaterThan(0);
      await expectTheThreeAnswers(index);
    },
  );

  it('keeps headings on lines of their own, lists as bullets, tables as | rows, and the review date', () => {
    const { text, reviewed } = htmlToNotice(PAGES['GOV.UK style']!);
    expect(text).toMatch(/\n\nWho we share it with\n\n- the Valuation Office Agency/);
    expect(reviewed).toBe('2025-03-12');
    expect(htmlToNotice(PAGES['table layout']!).text).toContain(
      'Council tax records | Six years after the account is closed',
    );
  });

  it('decodes Cloudflare-hidden addresses, and keeps a mailto address that the link text does not show', () => {
    expect(decodeCloudflareEmail(CF_EMAIL('a.b@council.example'))).toBe('a.b@council.example');
    expect(decodeCloudflareEmail('zz')).toBeUndefined();
    expect(htmlToNotice('<main><p>Write to <a href="mailto:dpo@x.example">our DPO</a>.</p></main>').text).toContain(
      'our DPO (dpo@x.example)',
    );
  });

  it('reads review dates in the forms councils write them', () => {
    expect(reviewedDate('Last reviewed: May 2024')).toBe('2024-05');
    expect(reviewedDate('Page last updated 3 June 2025')).toBe('2025-06-03');
    expect(reviewedDate('Updated: 2025-01')).toBe('2025-01');
    expect(reviewedDate('nothing here')).toBeUndefined();
  });

  it('refuses a page that is not a privacy notice', async () => {
    const bins =
      '<html><body><main><h1>Bin collections</h1><p>Put your bin out by 7am on collection day.</p></main></body></html>';
    await expect(importNotice(new TextEncoder().encode(bins), 'bins.html', { council: 'testvale' })).rejects.toThrow(
      /does not read as a privacy notice/,
    );
  });
});

describe('kb:import from Word and PDF', () => {
  it('a .docx written by the docx library: heading styles become headings', async () => {
    const children = [new Paragraph({ text: 'Council Tax Privacy Notice', heading: HeadingLevel.TITLE })];
    for (const [h, items, kind] of SECTIONS) {
      children.push(new Paragraph({ text: h, heading: HeadingLevel.HEADING_2 }));
      for (const item of items)
        children.push(new Paragraph(kind === 'ul' ? { text: item, bullet: { level: 0 } } : { text: item }));
    }
    children.push(
      new Paragraph('Email our Data Protection Officer at dpo@testvale.example about your personal information.'),
    );
    const docx = await Packer.toBuffer(new Document({ sections: [{ children }] }));
    const { notice, index } = await importedIndex(new Uint8Array(docx), 'notice.docx');
    expect(notice.body).toMatch(/\n\nHow long we keep it\n\n/);
    await expectTheThreeAnswers(index);
  });

  it('a PDF written by pdf-lib: running header and page numbers gone, headings by size, hyphenation joined', async () => {
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const pages = [pdf.addPage([595, 842]), pdf.addPage([595, 842])];
    pages.forEach((page, i) => {
      page.drawText('Testvale Borough Council - Council tax privacy notice', { x: 50, y: 810, size: 9, font: regular });
      page.drawText(`Page ${i + 1} of 2`, { x: 270, y: 30, size: 9, font: regular });
    });
    let y = 760;
    let page = pages[0]!;
    const line = (text: string, size = 11, font = regular) => {
      page.drawText(text, { x: 50, y, size, font });
      y -= size * 1.6;
    };
    line('Council Tax Privacy Notice', 18, bold);
    for (const [h, items, kind] of SECTIONS) {
      if (h === 'Who we share it with') [page, y] = [pages[1]!, 760];
      y -= 8;
      line(h, 14, bold);
      for (const item of items) line(kind === 'ul' ? `• ${item}` : item);
    }
    line('Email our Data Protection Officer at dpo@testvale.example about your per-');
    line('sonal information.');
    const { notice, index } = await importedIndex(await pdf.save(), 'notice.pdf');
    expect(notice.body).not.toMatch(/Page \d of 2|Council tax privacy notice\n.*Testvale Borough Council - /);
    expect(notice.body.match(/Testvale Borough Council - Council tax privacy notice/g)).toBeNull();
    expect(notice.body).toContain('your personal information');
    expect(notice.body).toMatch(/\n\nWho we share it with\n\n/);
    await expectTheThreeAnswers(index);
  });

  it('refuses a PDF with no text layer, saying why', async () => {
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]);
    await expect(importNotice(await scan.save(), 'scan.pdf', { council: 'testvale' })).rejects.toThrow(/no text layer/);
  });
});

describe('kb:import from a URL (loopback server)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/notice' || req.url === '/unchanged')
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGES['GOV.UK style']);
      else if (req.url === '/changed')
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(PAGES['GOV.UK style']!.replace('six years', 'two years'));
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the page, and reports a missing page or a timeout as a clear error', async () => {
    const { bytes } = await fetchDocument(`${base}/notice`);
    expect(htmlToNotice(new TextDecoder().decode(bytes)).text).toContain('enforcement agents');
    await expect(fetchDocument(`${base}/gone`)).rejects.toThrow(ImportError);
    await expect(fetchDocument(`${base}/gone`)).rejects.toThrow(/HTTP 404/);
    await expect(fetchDocument(`${base}/slow`, 300)).rejects.toThrow(/no answer within 0.3 s/);
  });
});

describe('kb:check against the published pages (loopback server)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const page = PAGES['GOV.UK style']!;
      if (req.url === '/unchanged') res.end(page);
      else if (req.url === '/changed') res.end(page.replace('six years', 'two years'));
      else if (req.url === '/slow') setTimeout(() => res.end(page), 2_000);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says which notices changed and what would be answered differently; unreachable pages are reported, not fatal', async () => {
    const imported = await importNotice(new TextEncoder().encode(PAGES['GOV.UK style']!), 'page.html', {
      council: 'testvale',
      id: 'testvale-council-tax',
    });
    const at = (path: string, id: string) =>
      parseNoticeFile(
        imported.file.replace(/^id: .*$/m, `id: ${id}`).replace(/^contentHash:/m, `url: ${base}${path}\ncontentHash:`),
        `${id}.txt`,
      );
    const checked = [
      at('/unchanged', 'tv-same'),
      at('/changed', 'tv-changed'),
      at('/gone', 'tv-gone'),
      at('/slow', 'tv-slow'),
    ];
    const kb = buildKnowledgeBase([...files.filter((f) => !f.meta.url), ...checked], registry, thesaurus);
    const outcomes = await checkNotices(kb, async (url) => (await fetchDocument(url, 300)).bytes);
    const byId = new Map(outcomes.map((o) => [o.notice, o]));
    expect(byId.get('tv-same')?.status).toBe('unchanged');
    expect(byId.get('tv-gone')).toMatchObject({ status: 'unreachable', error: expect.stringMatching(/HTTP 404/) });
    expect(byId.get('tv-slow')).toMatchObject({
      status: 'unreachable',
      error: expect.stringMatching(/no answer within/),
    });
    const report = formatCheck(outcomes);
    expect(report).toMatch(/tv-changed: CHANGED since import/);
    expect(report).toMatch(/retention of .*: six years .*→ two years|six years.*→.*two years/i);
    expect(report).toMatch(/sefton-at-work: no url/);
  });
});
