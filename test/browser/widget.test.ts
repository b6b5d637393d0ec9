import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      (
        window as unknown as {
          axe: {
            run: (c: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      }),
    );
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
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
