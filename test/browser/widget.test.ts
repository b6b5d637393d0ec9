import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

let server: LocalServer;
let browser: Browser;

beforeAll(async () => {
  const executablePath = ensureChromium();
  server = await startLocalServer({ port: 0, logLevel: 'SILENT' });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the demo site, failing the test on any Content-Security-Policy violation or page error. */
async function openDemo(
  path = '/',
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}${path}`);
  await page
    .locator('[data-privacy-assistant] >> internal:control=enter-frame')
    .count()
    .catch(() => 0);
  await page.waitForFunction(() => !!document.querySelector('[data-privacy-assistant]')?.shadowRoot);
  return { page, context, problems };
}

/** The element focused inside the assistant's shadow root, described for assertions. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('[data-privacy-assistant]')?.shadowRoot?.activeElement as HTMLElement | null;
    return active ? `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''}.${active.className}` : null;
  });

const assistant = (page: Page) => page.locator('[data-privacy-assistant]');

describe('the web-chat widget on the demo page', () => {
  it('can be used by keyboard alone: open, ask, follow a suggestion, close', async () => {
    const { page, context, problems } = await openDemo();
    for (let i = 0; i < 25 && !(await focused(page))?.includes('launcher'); i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('launcher');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('input#pna-input.');

    await page.keyboard.type('how long do you keep my information?');
    await page.keyboard.press('Enter');
    const answer = assistant(page).locator('.msg.assistant').first();
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain('6 years');
    expect(await answer.locator('.source').textContent()).toBe(
      "From the Connect to Work Programme privacy notice (updated May 2025) (opens in a new tab), 'How long your personal data will be kept'",
    );
    expect(await answer.locator('.source a').getAttribute('href')).toMatch(/^https?:\/\//);

    // Follow the first suggestion chip with the keyboard.
    for (let i = 0; i < 25 && !(await focused(page))?.includes('chip'); i++) await page.keyboard.press('Tab');
    const chipLabel = await page.evaluate(
      () => document.querySelector('[data-privacy-assistant]')!.shadowRoot!.activeElement!.textContent,
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => assistant(page).locator('.msg.you').count(), { timeout: 10_000 }).toBe(2);
    expect(await assistant(page).locator('.msg.you').nth(1).textContent()).toContain(chipLabel!.replace(/\?$/, ''));

    await page.keyboard.press('Escape');
    expect(await assistant(page).locator('.panel').isHidden()).toBe(true);
    expect(await focused(page)).toContain('launcher');
    expect(problems).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 60_000);

  it('has no WCAG 2.2 A/AA violation that axe-core finds, with the panel open and answered', async () => {
    const { page, context } = await openDemo();
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('input').fill('who do you share my data with');
    await assistant(page).locator('input').press('Enter');
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows markup from the server or the person as text and runs nothing', async () => {
    const { page, context, problems } = await openDemo();
    const payload = '<img src=x onerror="window.__pwned=true">';
    await page.route('**/api/chat', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          sessionId: 'session-123456',
          topic: 'sharing',
          notice: 'kent-connect-to-work',
          text: `We share with ${payload}\n- ${payload}`,
          citations: [{ notice: 'kent-connect-to-work', section: payload, sentence: payload }],
          confidence: 1,
          suggestions: [{ label: payload, question: payload }],
          actions: [],
          notices: { 'kent-connect-to-work': { service: payload, url: 'javascript:window.__pwned=true' } },
        }),
      }),
    );
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('input').fill(`my name is <b onmouseover="window.__pwned=true">x</b>`);
    await assistant(page).locator('input').press('Enter');
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);
    expect(await assistant(page).locator('.msg.assistant').textContent()).toContain(payload);
    expect(await assistant(page).locator('img, b, script').count()).toBe(0);
    expect(await assistant(page).locator('a[href^="javascript:"]').count()).toBe(0);
    await assistant(page).locator('.chip').hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps what the person typed when a request fails, and sends it again on "Try again"', async () => {
    const { page, context } = await openDemo();
    await page.route('**/api/chat', (route) => route.abort('connectionrefused'));
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('input').fill('can I get a copy of my data');
    await assistant(page).locator('input').press('Enter');
    await expect.poll(() => assistant(page).locator('.error').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await assistant(page).locator('.error').textContent()).toMatch(
      /could not reach the assistant.*not been lost/,
    );
    expect(await assistant(page).locator('input').inputValue()).toBe('can I get a copy of my data');
    await page.unroute('**/api/chat');
    await assistant(page).locator('.retry').click();
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);
    expect(await assistant(page).locator('.error').isHidden()).toBe(true);
    await context.close();
  }, 60_000);

  it('works at 320 px wide, isolated from the host page’s CSS', async () => {
    const { page, context } = await openDemo('/', { width: 320, height: 640 });
    const launcherBackground = await assistant(page)
      .locator('.launcher')
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(launcherBackground).not.toBe('rgb(255, 105, 180)'); // the demo page makes every button hotpink
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('input').fill('what do you hold about me');
    await assistant(page).locator('.send').click();
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);
    const panel = await assistant(page).locator('.panel').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await assistant(page).locator('.send').isVisible()).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('widget-open-320.png', ARTIFACTS).pathname });
    await context.close();
  }, 60_000);

  it('asks which service on a council-wide page, and a chosen service answers from its notice', async () => {
    const { page, context } = await openDemo('/council');
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('input').fill('how long do you keep my data');
    await assistant(page).locator('input').press('Enter');
    await expect.poll(() => assistant(page).locator('.chip').count(), { timeout: 10_000 }).toBe(2);
    await assistant(page).locator('.chip', { hasText: 'Community Learning and Skills' }).click();
    await expect
      .poll(() => assistant(page).locator('.msg.assistant').nth(1).textContent(), { timeout: 10_000 })
      .toContain('14 years');
    await page.screenshot({ path: new URL('widget-open.png', ARTIFACTS).pathname });
    await context.close();
  }, 60_000);

  it('leaves the page’s own links to the notice and the data protection team when JavaScript is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    await expect
      .poll(() => page.getByRole('link', { name: 'Read how we use your information' }).isVisible())
      .toBe(true);
    expect(await page.getByRole('link', { name: 'contact our data protection team' }).isVisible()).toBe(true);
    await context.close();
  }, 30_000);

  it('stays usable at 200% zoom (a 1280 × 800 screen showing 640 × 400 CSS pixels)', async () => {
    const { page, context } = await openDemo('/', { width: 640, height: 400 });
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('input').fill('who do you share my data with');
    await assistant(page).locator('input').press('Enter');
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);
    const panel = await assistant(page).locator('.panel').boundingBox();
    expect(panel!.y).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(640);
    // Everything in the panel can be reached by scrolling the panel itself.
    await assistant(page).locator('.handoff').last().scrollIntoViewIfNeeded();
    expect(await assistant(page).locator('.handoff').last().isVisible()).toBe(true);
    await context.close();
  }, 30_000);
});

// ---------------------------------------------------------------- issue 13: the widget as residents use it

const shot = async (page: Page, name: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname });
};

/** An answer long enough to fill any panel several times over, from two sections of one notice and one of another. */
const LONG_ANSWER = {
  sessionId: 'session-long-0001',
  topic: 'sharing',
  outcome: 'answered',
  notice: 'kent-connect-to-work',
  text: [
    'We may share your information with these organisations:',
    ...Array.from(
      { length: 30 },
      (_, i) => `- Partner organisation number ${i + 1}, to deliver the programme with you`,
    ),
    'We only share what each of them needs.',
  ].join('\n'),
  citations: [
    { notice: 'kent-connect-to-work', section: 'Who we share your information with', sentence: 'We may share…' },
    { notice: 'kent-connect-to-work', section: 'Keeping your personal information secure', sentence: 'We only…' },
    { notice: 'kent-community-learning-skills', section: 'Sharing your information', sentence: 'We share…' },
  ],
  confidence: 0.9,
  suggestions: [
    { label: 'How long do you keep it?', question: 'How long do you keep my information?' },
    { label: 'What are my rights?', question: 'What are my rights?' },
  ],
  actions: [{ kind: 'escalate', label: 'Contact the Data Protection Officer' }],
  notices: {
    'kent-connect-to-work': {
      service: 'Connect to Work Programme',
      url: 'https://www.kent.gov.uk/ctw',
      reviewed: '2025-05',
    },
    'kent-community-learning-skills': { service: 'Community Learning and Skills' },
  },
};

const longAnswer = (page: Page) =>
  page.route('**/api/chat', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(LONG_ANSWER) }),
  );

type Box = { x: number; y: number; width: number; height: number };
const inside = (box: Box | null, viewport: { width: number; height: number }) =>
  !!box &&
  box.x >= 0 &&
  box.y >= 0 &&
  box.x + box.width <= viewport.width + 0.5 &&
  box.y + box.height <= viewport.height + 0.5;

/** The element at a box's centre, looked up through the assistant's shadow root: is anything drawn over it? */
const topmostAt = (page: Page, box: Box) =>
  page.evaluate(
    ({ x, y }) => {
      const host = document.querySelector('[data-privacy-assistant]')!;
      const hit = host.shadowRoot!.elementFromPoint(x, y) as HTMLElement | null;
      return hit ? `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}.${hit.className}` : null;
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );

/** The viewports of the issue: a laptop, a small phone, 200% and 400% zoom on a 1280 × 800 screen. */
const VIEWPORTS = [
  ['1280 px', { width: 1280, height: 800 }],
  ['320 px', { width: 320, height: 640 }],
  ['200% zoom', { width: 640, height: 400 }],
  ['400% zoom', { width: 320, height: 200 }],
] as const;

describe('the widget as residents use it (issue 13)', () => {
  it.each(VIEWPORTS)(
    'at %s, after a long answer the heading, Close, the question box and Send stay in view, focus in the box',
    async (name, viewport) => {
      const { page, context, problems } = await openDemo('/', viewport);
      await longAnswer(page);
      await assistant(page).locator('.launcher').click();
      await assistant(page).locator('#pna-input').fill('who do you share my data with');
      await assistant(page).locator('#pna-input').press('Enter');
      await expect.poll(() => assistant(page).locator('.msg.assistant li').count(), { timeout: 10_000 }).toBe(30);
      // The conversation scrolls inside the panel: the answer is far taller than the panel.
      const body = assistant(page).locator('.body');
      expect(await body.evaluate((b) => b.scrollHeight > b.clientHeight)).toBe(true);
      for (const control of ['#pna-input', '.send', '.close', '#pna-title']) {
        const box = await assistant(page).locator(control).boundingBox();
        expect(inside(box, viewport), `${control} at ${JSON.stringify(box)} in ${name}`).toBe(true);
      }
      for (const control of ['#pna-input', '.send', '.close']) {
        const box = (await assistant(page).locator(control).boundingBox())!;
        expect(await topmostAt(page, box), `${control} is covered in ${name}`).toMatch(
          new RegExp(`^(input#pna-input|button\\.send|button\\.close)`),
        );
      }
      expect(await focused(page)).toBe('input#pna-input.');
      // On a small screen or at high zoom the panel is a full-screen dialog, not a strip of a few lines.
      const panel = (await assistant(page).locator('.panel').boundingBox())!;
      if (viewport.width <= 800 || viewport.height <= 520) {
        expect(panel.height).toBeGreaterThanOrEqual(viewport.height - 1);
        expect(panel.width).toBeGreaterThanOrEqual(viewport.width - 1);
      }
      // Scrolled to the end of the conversation, everything in it is reachable and the controls still stay put.
      await body.evaluate((b) => b.scrollTo(0, b.scrollHeight));
      expect(inside(await assistant(page).locator('.close').boundingBox(), viewport)).toBe(true);
      expect(inside(await assistant(page).locator('#pna-input').boundingBox(), viewport)).toBe(true);
      expect(problems).toEqual([]); // before axe, whose own checks set inline styles the page's CSP refuses
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `widget-long-answer-${name.replace(/\W+/g, '-')}`);
      await context.close();
    },
    60_000,
  );

  it.each(VIEWPORTS)(
    'at %s, no element focused anywhere on the page is covered by the launcher (WCAG 2.2 SC 2.4.11)',
    async (name, viewport) => {
      const { page, context } = await openDemo('/', viewport);
      await page.evaluate(() => window.scrollTo(0, 0));
      const seen: string[] = [];
      const covered: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate(() => {
          let active = document.activeElement as HTMLElement | null;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
          const launcher = document
            .querySelector('[data-privacy-assistant]')!
            .shadowRoot!.querySelector('.launcher')!
            .getBoundingClientRect();
          if (!active || active === document.body) return null;
          const r = active.getBoundingClientRect();
          return {
            name: `${active.tagName.toLowerCase()}.${active.className}:${(active.textContent ?? '').trim().slice(0, 40)}`,
            isLauncher: active.classList.contains('launcher'),
            overlaps:
              r.width > 0 &&
              r.height > 0 &&
              r.left < launcher.right &&
              r.right > launcher.left &&
              r.top < launcher.bottom &&
              r.bottom > launcher.top,
          };
        });
        if (!state) continue;
        if (seen.includes(state.name)) break; // round the page once
        seen.push(state.name);
        if (!state.isLauncher && state.overlaps) covered.push(state.name);
      }
      // The page's own links were all reached, and the launcher too.
      expect(seen.some((s) => s.includes('Accessibility statement'))).toBe(true);
      expect(seen.some((s) => s.includes('All council services'))).toBe(true);
      expect(seen.some((s) => s.startsWith('button.launcher'))).toBe(true);
      expect(covered, `covered by the launcher in ${name}`).toEqual([]);
      // Scrolled to the very bottom the footer's links are not under the launcher either.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const footer = await page
        .locator('footer a')
        .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().toJSON() as Box));
      const launcher = (await assistant(page).locator('.launcher').boundingBox())!;
      for (const link of footer) {
        const overlaps =
          link.x < launcher.x + launcher.width &&
          link.x + link.width > launcher.x &&
          link.y < launcher.y + launcher.height &&
          link.y + link.height > launcher.y;
        expect(overlaps, `footer link ${JSON.stringify(link)} under the launcher in ${name}`).toBe(false);
      }
      await shot(page, `widget-page-bottom-${name.replace(/\W+/g, '-')}`);
      await context.close();
    },
    60_000,
  );

  it('at 1280 px with the panel open, Tab leaves it for page links that neither the panel nor the launcher covers', async () => {
    const { page, context } = await openDemo();
    await longAnswer(page);
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('#pna-input').fill('who do you share my data with');
    await assistant(page).locator('#pna-input').press('Enter');
    await expect.poll(() => assistant(page).locator('.msg.assistant li').count(), { timeout: 10_000 }).toBe(30);
    const covered: string[] = [];
    const pageLinks: string[] = [];
    for (let i = 0; i < 80 && pageLinks.length < 4; i++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate(() => {
        const host = document.querySelector('[data-privacy-assistant]')!;
        const active = document.activeElement as HTMLElement | null;
        if (!active || active === document.body || active === host) return null;
        const r = active.getBoundingClientRect();
        const over = ['.panel', '.launcher'].filter((selector) => {
          const b = host.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
          return r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
        });
        return { name: (active.textContent ?? '').trim(), over };
      });
      if (!state) continue;
      pageLinks.push(state.name);
      if (state.over.length) covered.push(`${state.name} under ${state.over.join(' and ')}`);
    }
    expect(pageLinks).toEqual(expect.arrayContaining(['Accessibility statement', 'All council services']));
    expect(covered).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps focus in the question box after Send, pressed by keyboard or clicked, while the answer loads and after', async () => {
    const { page, context } = await openDemo();
    let release: () => void = () => undefined;
    await page.route('**/api/chat', async (route) => {
      await new Promise<void>((resolve) => (release = resolve));
      await route.continue();
    });
    await assistant(page).locator('.launcher').click();
    const input = assistant(page).locator('#pna-input');
    const answers = () => assistant(page).locator('.msg.assistant').count();
    for (const [how, press] of [
      ['Enter on Send', async () => page.keyboard.press('Enter')],
      ['Space on Send', async () => page.keyboard.press('Space')],
      ['a click on Send', async () => assistant(page).locator('.send').click()],
    ] as const) {
      const before = await answers();
      await input.fill(`how long do you keep my information (${how})`);
      if (how !== 'a click on Send') {
        await input.focus();
        await page.keyboard.press('Tab');
        expect(await focused(page)).toContain('button.send');
      }
      await press();
      expect(await focused(page), `after ${how}, while loading`).toBe('input#pna-input.');
      release();
      await expect.poll(answers, { timeout: 10_000 }).toBe(before + 1);
      expect(await focused(page), `after ${how}, answered`).toBe('input#pna-input.');
    }
    await context.close();
  }, 60_000);

  it('says an answer is coming (politely), says so plainly when it takes long, and clears it when the answer arrives', async () => {
    const { page, context } = await openDemo();
    await page.route('**/api/chat', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await route.continue();
    });
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('#pna-input').fill('who do you share my data with');
    await assistant(page).locator('#pna-input').press('Enter');
    const status = assistant(page).locator('.status');
    expect(await status.getAttribute('role')).toBe('status');
    await expect.poll(() => status.textContent(), { timeout: 2_000 }).toBe('Finding an answer…');
    expect(await status.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'widget-finding-an-answer');
    await expect
      .poll(() => status.textContent(), { timeout: 6_000 })
      .toBe('This is taking longer than usual. Your question has been sent: the answer will appear here.');
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);
    expect(await status.textContent()).toBe('');
    await context.close();
  }, 60_000);

  it('offers the three core questions as buttons, and the notice, the DPO and what the chat keeps, before anything is asked', async () => {
    const { page, context } = await openDemo();
    await assistant(page).locator('.launcher').click();
    const chips = assistant(page).locator('.chips button');
    expect(await chips.allTextContents()).toEqual([
      'What do you hold about me?',
      'How long do you keep it?',
      'Who do you share it with?',
    ]);
    for (const label of ['What do you hold about me?', 'How long do you keep it?', 'Who do you share it with?'])
      expect(await assistant(page).getByRole('button', { name: label }).isVisible()).toBe(true);
    const notice = assistant(page).getByRole('link', { name: /Read how we use your information/ });
    const dpo = assistant(page).getByRole('link', { name: /Contact our data protection team/ });
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.getAttribute('href')).toMatch(/^https:\/\/www\.kent\.gov\.uk\//);
    expect(await dpo.isVisible()).toBe(true);
    expect(await dpo.getAttribute('href')).toBe('mailto:data.protection@kent.gov.uk');
    const kept = assistant(page).locator('.kept');
    expect(await kept.textContent()).toContain('Nothing you type is kept after you close this tab.');
    const privacy = kept.getByRole('link', { name: /How this assistant uses your information/ });
    const page2 = await page.request.get((await privacy.getAttribute('href'))!);
    expect(page2.status()).toBe(200);
    expect(await page2.text()).toContain('<h1>How the privacy assistant uses your information</h1>');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'widget-open-starters');

    // A starter asks its question; the notice and DPO links stay in view above the answer.
    await assistant(page).getByRole('button', { name: 'How long do you keep it?' }).click();
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);
    expect(await assistant(page).locator('.msg.you').textContent()).toContain('How long do you keep my information?');
    expect(await notice.isVisible()).toBe(true);
    expect(await dpo.isVisible()).toBe(true);
    await context.close();
  }, 60_000);

  it('shows every section an answer used, compactly', async () => {
    const { page, context } = await openDemo();
    await longAnswer(page);
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('#pna-input').fill('who do you share my data with');
    await assistant(page).locator('#pna-input').press('Enter');
    const sources = assistant(page).locator('.msg.assistant .source');
    await expect.poll(() => sources.count(), { timeout: 10_000 }).toBe(2);
    expect(await sources.allTextContents()).toEqual([
      "From the Connect to Work Programme privacy notice (updated May 2025) (opens in a new tab), 'Who we share your information with' and 'Keeping your personal information secure'",
      "From the Community Learning and Skills privacy notice, 'Sharing your information'",
    ]);
    await context.close();
  }, 60_000);

  it('makes the council’s website in an out-of-scope reply a link', async () => {
    const { page, context } = await openDemo();
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('#pna-input').fill('when are my bins collected');
    await assistant(page).locator('#pna-input').press('Enter');
    const answer = assistant(page).locator('.msg.assistant').first();
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain('www.kent.gov.uk');
    const link = answer.getByRole('link', { name: /www\.kent\.gov\.uk/ });
    expect(await link.getAttribute('href')).toBe('https://www.kent.gov.uk');
    expect(await link.getAttribute('rel')).toBe('noopener');

    // A bare address on a UK public suffix is a link too; an e-mail address on one stays one mailto link; nothing
    // else becomes a link.
    await page.route('**/api/chat', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          ...LONG_ANSWER,
          text: 'You can complain to the ICO at ico.org.uk/make-a-complaint. Write to dpo@kent.gov.uk, or see javascript:alert(1) and e.g. section 3.2.',
          citations: [],
        }),
      }),
    );
    await assistant(page).locator('#pna-input').fill('how do I complain');
    await assistant(page).locator('#pna-input').press('Enter');
    const second = assistant(page).locator('.msg.assistant').nth(1);
    await expect.poll(() => second.textContent(), { timeout: 10_000 }).toContain('ico.org.uk');
    expect(
      await second.locator('.text a').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')])),
    ).toEqual([
      ['ico.org.uk/make-a-complaint (opens in a new tab)', 'https://ico.org.uk/make-a-complaint'],
      ['dpo@kent.gov.uk', 'mailto:dpo@kent.gov.uk'],
    ]);
    await context.close();
  }, 60_000);

  it('asks "Did this answer your question?"; a No is sent without the session and reaches the DPO’s digest', async () => {
    const { page, context } = await openDemo();
    await assistant(page).locator('.launcher').click();
    const question = 'who do you share my data with? my email is sam.jones@example.com';
    await assistant(page).locator('#pna-input').fill(question);
    await assistant(page).locator('#pna-input').press('Enter');
    const answer = assistant(page).locator('.msg.assistant').first();
    await expect.poll(() => answer.locator('.feedback').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await answer.getByRole('group', { name: 'Did this answer your question?' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const posted = page.waitForRequest('**/api/feedback');
    const answered = page.waitForResponse('**/api/feedback');
    await answer.getByRole('button', { name: 'No' }).click();
    const body = JSON.parse((await posted).postData()!);
    expect(body).toEqual({
      helpful: false,
      question,
      topic: 'sharing',
      notice: 'kent-connect-to-work',
      council: 'kent',
    });
    expect((await answered).status()).toBe(202);
    expect(await focused(page)).toContain('feedback-thanks');
    expect(await answer.locator('.feedback-thanks').textContent()).toContain('did not help');
    expect(await answer.getByRole('button', { name: 'No' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'widget-feedback-no');

    // The DPO's weekly digest (run on demand locally) lists it, redacted.
    const before = new Set(readdirSync(server.outboxDir));
    const run = await fetch(`${server.url}/local/digest`, { method: 'POST' });
    expect(run.status).toBe(200);
    const digest = readdirSync(server.outboxDir)
      .filter((f) => !before.has(f))
      .map((f) => readFileSync(join(server.outboxDir, f), 'utf8'))
      .find((m) => m.includes('To: dpo@kent.gov.uk'))!;
    expect(digest).toContain('Answers people said did not help');
    expect(digest).toContain('who do you share my data with? my email is [email]');
    expect(digest).not.toContain('sam.jones@example.com');
    await context.close();
  }, 60_000);
});
