/**
 * The widget's "Request a copy of my data" form in a real browser: keyboard use, the GOV.UK error summary for
 * the server's and the browser's own checks, keeping what was typed (and the idempotency key) when sending
 * fails, axe-core, and a 320 px screen. POST /api/sar is mocked with page.route, so these tests pin the widget's
 * side of the contract (functions/core/sar/intake-contract.ts) whatever the server does.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const RECEIVED = {
  ok: true,
  reference: 'SAR-7K4M-Q9TX',
  dueDate: '2026-12-23',
  status: 'received',
  created: true,
  nextSteps: 'We will email you to check your identity.\n- Keep your reference.',
};

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

/** A fresh page on the demo site, collecting Content-Security-Policy violations and page errors. */
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
  await page.waitForFunction(() => !!document.querySelector('[data-privacy-assistant]')?.shadowRoot);
  return { page, context, problems };
}

const assistant = (page: Page) => page.locator('[data-privacy-assistant]');

/** The focused element in the shadow root: its id, else its class and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('[data-privacy-assistant]')?.shadowRoot?.activeElement as HTMLElement | null;
    return active ? active.id || `${active.tagName.toLowerCase()}.${active.className}:${active.textContent}` : null;
  });

/** Presses Tab until the focused element's description contains `target` (ids are unique in the shadow root). */
async function tabTo(page: Page, target: string): Promise<void> {
  for (let i = 0; i < 40 && !(await focused(page))?.includes(target); i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toContain(target);
}

/** Types a date into the GOV.UK day, month and year boxes (the day box focused), as a person would: '1 2 2015'. */
async function typeDate(page: Page, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-').map((part) => String(Number(part)));
  await page.keyboard.type(day!);
  await page.keyboard.press('Tab');
  await page.keyboard.type(month!);
  await page.keyboard.press('Tab');
  await page.keyboard.type(year!);
}

/** Fills a date's day, month and year boxes (`id` is the day box's; the others add -month and -year). */
async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-').map((part) => String(Number(part)));
  await assistant(page).locator(`#${id}`).fill(day!);
  await assistant(page).locator(`#${id}-month`).fill(month!);
  await assistant(page).locator(`#${id}-year`).fill(year!);
}

async function dateIn(page: Page, id: string): Promise<string> {
  const [day, month, year] = await Promise.all(
    [id, `${id}-month`, `${id}-year`].map((box) => assistant(page).locator(`#${box}`).inputValue()),
  );
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** Mocks POST /api/sar with the given answers in turn (the last repeats), recording what the widget sent. */
async function mockSar(
  page: Page,
  ...answers: ({ status: number; body: unknown; delay?: number } | 'abort')[]
): Promise<Record<string, unknown>[]> {
  const sent: Record<string, unknown>[] = [];
  await page.route('**/api/sar', async (route: Route) => {
    expect(route.request().method()).toBe('POST');
    sent.push(route.request().postDataJSON() as Record<string, unknown>);
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    if (answer === 'abort') return route.abort('connectionrefused');
    if (answer.delay) await new Promise((resolve) => setTimeout(resolve, answer.delay));
    await route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) });
  });
  return sent;
}

/** Opens the panel and the form with the pointer (the keyboard journey has its own test). */
async function openForm(page: Page): Promise<void> {
  await assistant(page).locator('.launcher').click();
  await assistant(page).locator('.handoffs .handoff', { hasText: 'Request a copy of my data' }).click();
  await expect.poll(() => assistant(page).locator('.sar-form').isVisible()).toBe(true);
}

const TYPED = {
  'pna-sar-requester-name': 'Jo Bloggs',
  'pna-sar-requester-email': 'jo@example.invalid',
  'pna-sar-requester-phone': '01632 960 001',
  'pna-sar-requester-postalAddress': '1 High Street\nMaidstone\nME14 1XX',
  'pna-sar-onBehalfOf-name': 'Sam Bloggs',
  'pna-sar-onBehalfOf-relationship': 'I am their parent',
  'pna-sar-onBehalfOf-evidenceOfAuthority': 'Their birth certificate',
  'pna-sar-request-description': 'My son’s social care records',
};
const DATES = { 'pna-sar-request-from': '2018-01-01', 'pna-sar-request-to': '2019-06-30' };

/** Fills every field, asks on someone else's behalf and chooses paper. */
async function fillEverything(page: Page): Promise<void> {
  await assistant(page).locator('#pna-sar-behalf').check();
  for (const [id, value] of Object.entries(TYPED)) await assistant(page).locator(`#${id}`).fill(value);
  for (const [id, iso] of Object.entries(DATES)) await fillDate(page, id, iso);
  await assistant(page).locator('#pna-sar-format-paper').check();
}

async function expectEverythingKept(page: Page): Promise<void> {
  for (const [id, value] of Object.entries(TYPED)) {
    expect(await assistant(page).locator(`#${id}`).inputValue(), id).toBe(value);
  }
  for (const [id, iso] of Object.entries(DATES)) expect(await dateIn(page, id), id).toBe(iso);
  expect(await assistant(page).locator('#pna-sar-behalf').isChecked()).toBe(true);
  expect(await assistant(page).locator('#pna-sar-format-paper').isChecked()).toBe(true);
}

const EVERYTHING_SENT = {
  idempotencyKey: expect.stringMatching(UUID),
  council: 'kent',
  notice: 'kent-connect-to-work',
  requester: {
    name: 'Jo Bloggs',
    email: 'jo@example.invalid',
    phone: '01632 960 001',
    postalAddress: '1 High Street\nMaidstone\nME14 1XX',
  },
  onBehalfOf: { name: 'Sam Bloggs', relationship: 'I am their parent', evidenceOfAuthority: 'Their birth certificate' },
  request: { description: 'My son’s social care records', from: '2018-01-01', to: '2019-06-30' },
  preferredFormat: 'paper',
};

const submit = (page: Page) => assistant(page).locator('.sar-form button[type="submit"]');
const summary = (page: Page) => assistant(page).locator('.summary');

describe('the subject access request form in the widget', () => {
  it('can be filled in and sent by keyboard alone, and shows the reference and the date we must reply by', async () => {
    const { page, context, problems } = await openDemo();
    const sent = await mockSar(page, { status: 201, body: RECEIVED });
    await tabTo(page, 'launcher');
    await page.keyboard.press('Enter');
    // A question first, so the conversation knows the service's name for "About:".
    await page.keyboard.type('how long do you keep my information?');
    await page.keyboard.press('Enter');
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(1);

    await tabTo(page, 'handoff:Request a copy of my data');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toContain('h3.sar-heading:Request a copy of your data');
    expect(await assistant(page).locator('.about').textContent()).toBe('About: Connect to Work Programme');
    expect(await assistant(page).locator('.log').isVisible()).toBe(false);

    await tabTo(page, 'pna-sar-requester-name');
    await page.keyboard.type('Jo Bloggs');
    await tabTo(page, 'pna-sar-requester-email');
    await page.keyboard.type('jo@example.com');
    await tabTo(page, 'pna-sar-behalf');
    await page.keyboard.press('Space');
    await tabTo(page, 'pna-sar-onBehalfOf-name');
    await page.keyboard.type('Sam Bloggs');
    await tabTo(page, 'pna-sar-onBehalfOf-relationship');
    await page.keyboard.type('I am their parent');
    await tabTo(page, 'pna-sar-request-description');
    await page.keyboard.type('My son’s social care records from 2015 to 2018');
    await tabTo(page, 'pna-sar-request-from');
    await typeDate(page, '2015-02-01');
    await tabTo(page, 'pna-sar-request-to');
    await typeDate(page, '2018-12-31');
    await tabTo(page, 'pna-sar-format-either'); // Tab lands on the chosen radio; arrows move the choice
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await assistant(page).locator('#pna-sar-format-electronic').isChecked()).toBe(true);
    await tabTo(page, 'primary:Send request');
    await page.keyboard.press('Space');

    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Request received');
    const confirmation = await assistant(page).locator('.sar').textContent();
    expect(confirmation).toContain('SAR-7K4M-Q9TX');
    expect(await assistant(page).locator('.reference').textContent()).toBe('SAR-7K4M-Q9TX');
    expect(confirmation).toContain('We must reply by 23 December 2026');
    expect(confirmation).toContain('We will email you to check your identity.');
    expect(await assistant(page).locator('.sar li').textContent()).toBe('Keep your reference.');

    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      idempotencyKey: expect.stringMatching(UUID),
      council: 'kent',
      notice: 'kent-connect-to-work',
      requester: { name: 'Jo Bloggs', email: 'jo@example.com' },
      onBehalfOf: { name: 'Sam Bloggs', relationship: 'I am their parent' },
      request: { description: 'My son’s social care records from 2015 to 2018', from: '2015-02-01', to: '2018-12-31' },
      preferredFormat: 'electronic',
    });

    // Back to the chat: the conversation is there, with the reference added to it and kept for the tab.
    await tabTo(page, 'secondary:Back to the chat');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('pna-input');
    const log = assistant(page).locator('.log');
    expect(await log.locator('.msg').count()).toBe(3);
    expect(await log.locator('.msg').last().textContent()).toContain(
      'Your request reference is SAR-7K4M-Q9TX. We must reply by 23 December 2026.',
    );
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).toContain('SAR-7K4M-Q9TX');
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain('Jo Bloggs');

    await page.keyboard.press('Escape');
    expect(await assistant(page).locator('.panel').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the server’s field errors in a GOV.UK error summary that links to each field, keeping every answer', async () => {
    const { page, context, problems } = await openDemo();
    const sent = await mockSar(page, {
      status: 400,
      body: {
        ok: false,
        error: {
          code: 'invalid',
          message: 'Check the form.',
          fields: {
            'request.to': 'The end date must be the same as or after the start date.',
            'requester.email': 'Enter an email address in the correct format, like name@example.com',
            council: 'Say which council the request is for.',
          },
        },
      },
    });
    await openForm(page);
    await fillEverything(page);
    await submit(page).click();

    await expect.poll(() => summary(page).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await focused(page)).toContain('summary');
    expect(await summary(page).locator('[role="alert"] h3').textContent()).toBe('There is a problem');
    // Links in the order of the form, then what belongs to no field as text.
    const links = summary(page).locator('li a');
    expect(await links.allTextContents()).toEqual([
      'Enter an email address in the correct format, like name@example.com',
      'The end date must be the same as or after the start date.',
    ]);
    expect(await summary(page).locator('li').last().textContent()).toBe('Say which council the request is for.');
    expect(await summary(page).locator('li').last().locator('a').count()).toBe(0);

    await links.nth(0).click();
    expect(await focused(page)).toBe('pna-sar-requester-email');
    await links.nth(1).focus();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('pna-sar-request-to');

    for (const [id, message] of [
      ['pna-sar-requester-email', 'Enter an email address in the correct format, like name@example.com'],
      ['pna-sar-request-to', 'The end date must be the same as or after the start date.'],
    ] as const) {
      const input = assistant(page).locator(`#${id}`);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      // A date's three boxes share one message, named by their fieldset (the GOV.UK date input's pattern).
      const described = id.includes('request-to') ? input.locator('xpath=ancestor::fieldset[1]') : input;
      expect(await described.getAttribute('aria-describedby')).toContain(`${id}-error`);
      expect(await assistant(page).locator(`#${id}-error`).textContent()).toBe(`Error: ${message}`);
      expect(await assistant(page).locator(`#${id}-error`).isVisible()).toBe(true);
    }
    // The message comes above the field, inside the field's marked group.
    const order = await assistant(page)
      .locator('#pna-sar-requester-email-error')
      .evaluate(
        (error) => !!(error.compareDocumentPosition(error.nextElementSibling!) & 4) && error.nextElementSibling!.id,
      );
    expect(order).toBe('pna-sar-requester-email');
    expect(await assistant(page).locator('.group.invalid').count()).toBe(2);
    expect(await assistant(page).locator('#pna-sar-requester-name').getAttribute('aria-invalid')).toBeNull();

    await expectEverythingKept(page);
    expect(sent).toEqual([EVERYTHING_SENT]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('asks for dates as GOV.UK does: day, month and year boxes, errors that say what is missing with an example', async () => {
    const { page, context } = await openDemo();
    const sent = await mockSar(page, { status: 201, body: RECEIVED });
    await openForm(page);
    // Three labelled boxes for each date, in one fieldset named by its legend, with an example as its hint.
    const from = assistant(page).locator('#pna-sar-request-from').locator('xpath=ancestor::fieldset[1]');
    expect(await from.locator('legend').textContent()).toBe('From');
    expect(await from.locator('label').allTextContents()).toEqual(['Day', 'Month', 'Year']);
    expect(await from.locator('.hint').textContent()).toBe('For example, 27 3 2015');
    expect(await assistant(page).locator('#pna-sar-request-from').getAttribute('inputmode')).toBe('numeric');

    await assistant(page).locator('#pna-sar-requester-name').fill('Jo Bloggs');
    await assistant(page).locator('#pna-sar-requester-email').fill('jo@example.com');
    await assistant(page).locator('#pna-sar-request-description').fill('My records');
    await assistant(page).locator('#pna-sar-request-from').fill('27');
    await assistant(page).locator('#pna-sar-request-from-year').fill('2015');
    await fillDate(page, 'pna-sar-request-to', '2019-02-28');
    await assistant(page).locator('#pna-sar-request-to').fill('31'); // 31 February
    await submit(page).click();
    await expect.poll(() => summary(page).isVisible()).toBe(true);
    expect(await summary(page).locator('li a').allTextContents()).toEqual([
      'The start date must include a month',
      'Enter the end date as a real date, for example 27 3 2025',
    ]);
    expect(await assistant(page).locator('#pna-sar-request-from-error').textContent()).toBe(
      'Error: The start date must include a month',
    );
    for (const box of ['pna-sar-request-from', 'pna-sar-request-from-month', 'pna-sar-request-from-year'])
      expect(await assistant(page).locator(`#${box}`).getAttribute('aria-invalid'), box).toBe('true');
    expect(sent).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('sar-form-date-errors.png', ARTIFACTS).pathname });

    await assistant(page).locator('#pna-sar-request-from-month').fill('3');
    await assistant(page).locator('#pna-sar-request-to').fill('28');
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(1);
    expect(sent[0]).toMatchObject({ request: { from: '2015-03-27', to: '2019-02-28' } });
    await context.close();
  }, 60_000);

  it('keeps every answer and the idempotency key when sending fails, so a retry creates one case', async () => {
    const { page, context } = await openDemo();
    const sent = await mockSar(
      page,
      'abort',
      {
        status: 503,
        body: { ok: false, error: { code: 'unavailable', message: 'Requests cannot be taken just now.' } },
      },
      { status: 201, body: { ...RECEIVED, dueDate: null }, delay: 300 },
    );
    await openForm(page);
    await fillEverything(page);
    await submit(page).click();
    await expect.poll(() => summary(page).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await summary(page).textContent()).toContain('Your answers have not been lost. Try again.');
    expect(await summary(page).textContent()).toContain('Check your connection');
    expect(await focused(page)).toContain('summary');
    await expectEverythingKept(page);

    await submit(page).click();
    await expect
      .poll(() => summary(page).textContent(), { timeout: 10_000 })
      .toContain('Requests cannot be taken just now.');
    expect(await summary(page).textContent()).toContain('Your answers have not been lost. Try again.');
    await expectEverythingKept(page);

    // A double click while sending sends once: the button is disabled until the answer comes.
    await submit(page).dblclick();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Request received');
    expect(await assistant(page).locator('.sar').textContent()).toContain(
      'We will tell you the date once we have checked your identity',
    );
    expect(sent).toHaveLength(3);
    expect(sent.map((body) => body.idempotencyKey)).toEqual(Array(3).fill(sent[0]!.idempotencyKey));
    for (const body of sent) expect(body).toEqual(EVERYTHING_SENT);

    // A new form is a new request, with a new key.
    await assistant(page).locator('.sar button', { hasText: 'Back to the chat' }).click();
    await assistant(page).locator('.handoffs .handoff', { hasText: 'Request a copy of my data' }).click();
    await assistant(page).locator('#pna-sar-requester-name').fill('Jo Bloggs');
    await assistant(page).locator('#pna-sar-requester-phone').fill('01632 960 001');
    await assistant(page).locator('#pna-sar-request-description').fill('Everything');
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(4);
    expect(sent[3]!.idempotencyKey).toMatch(UUID);
    expect(sent[3]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
    await context.close();
  }, 60_000);

  it('starts a new idempotency key when the person changes a form already sent, and keeps it while they do not', async () => {
    // Issue 12, finding 4: the server refuses other details under a key it has seen, so changed answers are a new
    // request; the same answers sent again stay the same request.
    const { page, context } = await openDemo();
    const unavailable = {
      status: 503,
      body: { ok: false, error: { code: 'unavailable', message: 'Requests cannot be taken just now.', fields: {} } },
    };
    const sent = await mockSar(page, unavailable, unavailable, unavailable, { status: 201, body: RECEIVED });
    await openForm(page);
    await fillEverything(page);
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => submit(page).isDisabled(), { timeout: 10_000 }).toBe(false);

    // The person corrects the description and sends again: other details, so a new key.
    await assistant(page)
      .locator('#pna-sar-request-description')
      .fill('My son’s social care records and school reports');
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => submit(page).isDisabled(), { timeout: 10_000 }).toBe(false);
    expect(sent[1]!.idempotencyKey).toMatch(UUID);
    expect(sent[1]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);

    // Sent again unchanged (a retry): the same key, twice.
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(3);
    await expect.poll(() => submit(page).isDisabled(), { timeout: 10_000 }).toBe(false);
    await submit(page).click();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Request received');
    expect(sent.slice(2).map((body) => body.idempotencyKey)).toEqual([
      sent[1]!.idempotencyKey,
      sent[1]!.idempotencyKey,
    ]);
    await context.close();
  }, 60_000);

  it('checks the form in the browser first, with the server’s messages, and sends nothing until it is right', async () => {
    const { page, context } = await openDemo();
    const sent = await mockSar(page, { status: 201, body: RECEIVED });
    await openForm(page);
    await submit(page).focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => summary(page).isVisible()).toBe(true);
    expect(await focused(page)).toContain('summary');
    expect(await summary(page).locator('li a').allTextContents()).toEqual([
      'Enter the name of the person asking.',
      'Give at least one way to contact the person: an email address, a postal address or a phone number.',
      'Say what information you want.',
    ]);
    await summary(page).locator('li a').nth(2).click();
    expect(await focused(page)).toBe('pna-sar-request-description');

    // Someone else's details, a bad phone number and dates the wrong way round.
    await assistant(page).locator('#pna-sar-requester-name').fill('Jo Bloggs');
    await assistant(page).locator('#pna-sar-requester-phone').fill('call me');
    await assistant(page).locator('#pna-sar-behalf').check();
    await assistant(page).locator('#pna-sar-request-description').fill('Housing file');
    await fillDate(page, 'pna-sar-request-from', '2020-01-01');
    await fillDate(page, 'pna-sar-request-to', '2019-01-01');
    await submit(page).click();
    await expect
      .poll(() => summary(page).locator('li a').allTextContents())
      .toEqual([
        'Enter a UK phone number, like 01632 960 001',
        'Enter the name of the person the information is about.',
        'Say how you are related to them or why you can act for them.',
        'The end date must be the same as or after the start date.',
      ]);
    expect(await assistant(page).locator('#pna-sar-requester-name').getAttribute('aria-invalid')).toBeNull();
    expect(await assistant(page).locator('#pna-sar-requester-name-error').isHidden()).toBe(true);
    expect(await assistant(page).locator('#pna-sar-requester-email').getAttribute('aria-describedby')).toBeNull();

    // Unticking "someone else" hides those fields, and they are neither checked nor sent.
    await assistant(page).locator('#pna-sar-behalf').uncheck();
    expect(await assistant(page).locator('#pna-sar-onBehalfOf-name').isHidden()).toBe(true);
    await assistant(page).locator('#pna-sar-requester-phone').fill('01632 960 001');
    await fillDate(page, 'pna-sar-request-to', '2020-12-31');
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(1);
    expect(sent[0]).toEqual({
      idempotencyKey: expect.stringMatching(UUID),
      council: 'kent',
      notice: 'kent-connect-to-work',
      requester: { name: 'Jo Bloggs', phone: '01632 960 001' },
      request: { description: 'Housing file', from: '2020-01-01', to: '2020-12-31' },
      preferredFormat: 'either',
    });
    await context.close();
  }, 60_000);

  it('has no WCAG 2.2 A/AA violation that axe-core finds: the form, the error summary, the confirmation', async () => {
    const { page, context } = await openDemo();
    await mockSar(page, { status: 201, body: RECEIVED });
    await openForm(page);
    await assistant(page).locator('#pna-sar-behalf').check();
    expect(await axeViolations(page)).toEqual([]);

    await submit(page).click();
    await expect.poll(() => summary(page).isVisible()).toBe(true);
    expect(await assistant(page).locator('.field-error:visible').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    await assistant(page).locator('#pna-sar-behalf').uncheck();
    await assistant(page).locator('#pna-sar-requester-name').fill('Jo Bloggs');
    await assistant(page).locator('#pna-sar-requester-email').fill('jo@example.com');
    await assistant(page).locator('#pna-sar-request-description').fill('Everything');
    await submit(page).click();
    await expect.poll(() => assistant(page).locator('.reference').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('fits a 320 px wide screen without scrolling sideways, with and without errors', async () => {
    const { page, context } = await openDemo('/', { width: 320, height: 640 });
    await openForm(page);
    await assistant(page).locator('#pna-sar-behalf').check();
    const fits = async () => {
      const panel = await assistant(page).locator('.panel').boundingBox();
      expect(panel!.x).toBeGreaterThanOrEqual(0);
      expect(panel!.x + panel!.width).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      const overflow = await assistant(page)
        .locator('.panel')
        .evaluate((p) => p.scrollWidth - p.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const control of await assistant(page).locator('.sar input, .sar textarea, .sar button').all()) {
        const box = await control.boundingBox();
        if (!box) continue;
        expect(box.x).toBeGreaterThanOrEqual(panel!.x);
        expect(box.x + box.width).toBeLessThanOrEqual(panel!.x + panel!.width);
      }
    };
    await fits();
    // 44 px targets for buttons, text fields and the rows of the radios and the checkbox.
    for (const target of await assistant(page)
      .locator('.sar button, .sar .choice, .sar input:not(.choice input)')
      .all()) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await submit(page).click();
    await expect.poll(() => summary(page).isVisible()).toBe(true);
    await fits();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('sar-form-320.png', ARTIFACTS).pathname });
    await context.close();
  }, 60_000);

  it('opens from an answer that offers it, and Cancel goes back to the conversation; Escape still closes', async () => {
    const { page, context, problems } = await openDemo();
    const sent = await mockSar(page, { status: 201, body: RECEIVED });
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('#pna-input').fill('How do I get a copy of my data?');
    await assistant(page).locator('#pna-input').press('Enter');
    const offer = assistant(page).locator('.msg.assistant .handoff');
    await expect.poll(() => offer.textContent(), { timeout: 10_000 }).toBe('Request a copy of my data');
    await offer.click();
    expect(await focused(page)).toContain('sar-heading');
    expect(await assistant(page).locator('.about').textContent()).toBe('About: Connect to Work Programme');
    await assistant(page).locator('#pna-sar-requester-name').fill('Jo Bloggs');

    // Escape closes the panel; opening it again comes back to the form as it was.
    await page.keyboard.press('Escape');
    expect(await assistant(page).locator('.panel').isHidden()).toBe(true);
    expect(await focused(page)).toContain('launcher');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toContain('sar-heading');
    expect(await assistant(page).locator('#pna-sar-requester-name').inputValue()).toBe('Jo Bloggs');

    await assistant(page).locator('.sar button', { hasText: 'Cancel' }).click();
    expect(await assistant(page).locator('.sar').count()).toBe(0);
    expect(await assistant(page).locator('.msg').count()).toBe(2);
    expect(await focused(page)).toContain('handoff:Request a copy of my data');
    expect(await assistant(page).locator('.msg.assistant .handoff').isVisible()).toBe(true);
    expect(sent).toEqual([]);

    // The offer survives a reload with the rest of the conversation.
    await page.reload();
    await page.waitForFunction(() => !!document.querySelector('[data-privacy-assistant]')?.shadowRoot);
    await assistant(page).locator('.launcher').click();
    await assistant(page).locator('.msg.assistant .handoff').click();
    expect(await assistant(page).locator('.about').textContent()).toBe('About: Connect to Work Programme');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('names the council-wide page’s request after the service chosen in the conversation, or none', async () => {
    const { page, context } = await openDemo('/council');
    const sent = await mockSar(page, { status: 201, body: RECEIVED });
    await openForm(page);
    expect(await assistant(page).locator('.about').count()).toBe(0);
    await assistant(page).locator('#pna-sar-requester-name').fill('Jo Bloggs');
    await assistant(page).locator('#pna-sar-requester-postalAddress').fill('1 High Street');
    await assistant(page).locator('#pna-sar-request-description').fill('Everything');
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(1);
    expect(sent[0]).not.toHaveProperty('notice');
    expect(sent[0]).toMatchObject({ council: 'kent', requester: { postalAddress: '1 High Street' } });

    // Once the conversation has settled on a service, a new form is about that service.
    await assistant(page).locator('.sar button', { hasText: 'Back to the chat' }).click();
    await assistant(page).locator('#pna-input').fill('how long do you keep my data');
    await assistant(page).locator('#pna-input').press('Enter');
    await expect.poll(() => assistant(page).locator('.chip').count(), { timeout: 10_000 }).toBe(2);
    await assistant(page).locator('.chip', { hasText: 'Community Learning and Skills' }).click();
    await expect.poll(() => assistant(page).locator('.msg.you').count(), { timeout: 10_000 }).toBe(2);
    const chosen = await page.evaluate(
      () => (JSON.parse(Object.values(sessionStorage)[0] as string) as { notice?: string }).notice,
    );
    expect(chosen).toBeTruthy();
    await assistant(page).locator('.handoffs .handoff', { hasText: 'Request a copy of my data' }).click();
    expect(await assistant(page).locator('.about').textContent()).toBe('About: Community Learning and Skills');
    await assistant(page).locator('#pna-sar-requester-name').fill('Jo Bloggs');
    await assistant(page).locator('#pna-sar-requester-email').fill('jo@example.com');
    await assistant(page).locator('#pna-sar-request-description').fill('Everything');
    await submit(page).click();
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(2);
    expect(sent[1]).toMatchObject({ council: 'kent', notice: chosen });
    expect(sent[1]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
    await context.close();
  }, 60_000);
});
