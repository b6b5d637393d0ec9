/**
 * The widget's "Contact the Data Protection Officer" form in a real browser against the real local server:
 * keyboard use, the email the Data Protection Officer receives (read from the local outbox), the conversation
 * sent only with the person's consent, the GOV.UK error summary, keeping what was typed when sending fails,
 * axe-core, and a 320 px screen. Only failures are mocked (page.route); every success goes to POST /api/escalate.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const REFERENCE = /^ESC-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const DPO = 'Contact the Data Protection Officer';

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

/** The focused element in the shadow root: its id, else its tag, class and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('[data-privacy-assistant]')?.shadowRoot?.activeElement as HTMLElement | null;
    return active ? active.id || `${active.tagName.toLowerCase()}.${active.className}:${active.textContent}` : null;
  });

/** Presses Tab until the focused element's description contains `target`. */
async function tabTo(page: Page, target: string): Promise<void> {
  for (let i = 0; i < 40 && !(await focused(page))?.includes(target); i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toContain(target);
}

/** Every body the widget posts to /api/escalate, seen by a request listener (the request itself goes on). */
function recordEscalations(page: Page): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  page.on('request', (request: Request) => {
    if (request.url().endsWith('/api/escalate') && request.method() === 'POST') {
      sent.push(request.postDataJSON() as Record<string, unknown>);
    }
  });
  return sent;
}

/** Fails POST /api/escalate with the given answers in turn; 'server' lets the request through to the real one. */
async function failEscalations(
  page: Page,
  ...answers: ({ status: number; body: unknown } | 'abort' | 'server')[]
): Promise<void> {
  let count = 0;
  await page.route('**/api/escalate', async (route: Route) => {
    const answer = answers[Math.min(count++, answers.length - 1)]!;
    if (answer === 'server') return route.fallback();
    if (answer === 'abort') return route.abort('connectionrefused');
    await route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) });
  });
}

/** Asks a question in the chat and waits for its answer. */
async function ask(page: Page, question: string): Promise<void> {
  const answers = await assistant(page).locator('.msg.assistant').count();
  await assistant(page).locator('#pna-input').fill(question);
  await assistant(page).locator('#pna-input').press('Enter');
  await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(answers + 1);
}

/** Opens the panel (if closed) and the form with the pointer, from the buttons under the chat. */
async function openForm(page: Page): Promise<void> {
  if (await assistant(page).locator('.panel').isHidden()) await assistant(page).locator('.launcher').click();
  await assistant(page).locator('.handoffs .handoff', { hasText: DPO }).click();
  await expect.poll(() => assistant(page).locator('.dpo-form').isVisible()).toBe(true);
}

const TYPED = {
  'pna-dpo-contact-name': 'Jo Bloggs',
  'pna-dpo-contact-email': 'jo.bloggs@example.com',
  'pna-dpo-contact-phone': '01632 960 001',
  'pna-dpo-message': 'Why did the programme share my address with a training provider?',
};

async function fillEverything(page: Page, typed: Record<string, string> = TYPED): Promise<void> {
  for (const [id, value] of Object.entries(typed)) await assistant(page).locator(`#${id}`).fill(value);
  await assistant(page).locator('#pna-dpo-consentToTranscript').check();
}

async function expectEverythingKept(page: Page, typed: Record<string, string> = TYPED): Promise<void> {
  for (const [id, value] of Object.entries(typed)) {
    expect(await assistant(page).locator(`#${id}`).inputValue(), id).toBe(value);
  }
  expect(await assistant(page).locator('#pna-dpo-consentToTranscript').isChecked()).toBe(true);
}

const submit = (page: Page) => assistant(page).locator('.dpo-form button[type="submit"]');
const summary = (page: Page) => assistant(page).locator('.summary');

/** The email the local outbox wrote for this reference. */
function outboxMail(reference: string): string {
  const mails = readdirSync(server.outboxDir)
    .map((file) => readFileSync(join(server.outboxDir, file), 'utf8'))
    .filter((mail) => mail.includes(reference) && /^To: dpo@/m.test(mail));
  expect(mails).toHaveLength(1);
  return mails[0]!;
}

describe('the "Contact the Data Protection Officer" form in the widget', () => {
  it('can be sent by keyboard alone; the Data Protection Officer gets the message and no conversation', async () => {
    const { page, context, problems } = await openDemo();
    const sent = recordEscalations(page);
    await tabTo(page, 'launcher');
    await page.keyboard.press('Enter');
    await tabTo(page, `handoff:${DPO}`);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toContain(`h3.dpo-heading:${DPO}`);
    expect(await assistant(page).locator('.log').isVisible()).toBe(false);
    // The box starts unticked, and its hint says what ticking it would send.
    const consent = assistant(page).locator('#pna-dpo-consentToTranscript');
    expect(await consent.isChecked()).toBe(false);
    expect(await assistant(page).locator('#pna-dpo-consentToTranscript-hint').textContent()).toContain(
      'They will see the questions you asked here and the answers.',
    );
    expect(await assistant(page).locator('#pna-dpo-message-hint').textContent()).toContain('2,000 characters');

    await tabTo(page, 'pna-dpo-contact-email');
    await page.keyboard.type('keyboard@example.com');
    await tabTo(page, 'pna-dpo-message');
    await page.keyboard.type('Please tell me who my data was shared with.');
    await tabTo(page, 'primary:Send message'); // past the box, without ticking it
    expect(await consent.isChecked()).toBe(false);
    await page.keyboard.press('Enter');

    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Message sent');
    const reference = (await assistant(page).locator('.reference').textContent())!;
    expect(reference).toMatch(REFERENCE);
    expect(await assistant(page).locator('.dpo').textContent()).toContain(
      `We have sent your message to the Data Protection Officer. Your reference is ${reference}. They will reply using the contact details you gave.`,
    );
    expect(sent).toEqual([
      {
        council: 'kent',
        notice: 'kent-connect-to-work',
        contact: { email: 'keyboard@example.com' },
        message: 'Please tell me who my data was shared with.',
        consentToTranscript: false,
      },
    ]);

    const mail = outboxMail(reference);
    expect(mail).toMatch(/^To: dpo@kent\.gov\.uk\r$/m);
    expect(mail).toMatch(/^Reply-To: keyboard@example\.com\r$/m);
    expect(mail).toContain('Please tell me who my data was shared with.');
    expect(mail).toContain('The person did not agree to send the conversation, so none is attached.');
    expect(mail).not.toMatch(/Content-Disposition: attachment/i);
    expect(mail).not.toMatch(/multipart/i);
    // Issue 13, point 7: the person gets their own copy with the reference, once, and the screen says so.
    const copies = readdirSync(server.outboxDir)
      .map((file) => readFileSync(join(server.outboxDir, file), 'utf8'))
      .filter((m) => /^To: keyboard@example\.com\r$/m.test(m));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toContain(`Your reference is ${reference}.`);
    expect(copies[0]).toMatch(/We received it on \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(copies[0]).toMatch(/^Reply-To: dpo@kent\.gov\.uk\r$/m);
    expect(copies[0]).not.toContain('Please tell me who my data was shared with.');
    expect(await assistant(page).locator('.dpo').textContent()).toContain('We are also emailing you this reference.');

    // Back to the chat: the reference is in the conversation, kept for the tab, without the contact details.
    await tabTo(page, 'secondary:Back to the chat');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('pna-input'); // as after a request: on to the next question
    expect(await assistant(page).locator('.log .msg').last().textContent()).toContain(reference);
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    expect(stored).toContain(reference);
    expect(stored).not.toContain('keyboard@example.com');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('sends the conversation, as an attachment, only when the box is ticked', async () => {
    const { page, context, problems } = await openDemo();
    const sent = recordEscalations(page);
    await assistant(page).locator('.launcher').click();
    await ask(page, 'how long do you keep my information?');
    await openForm(page);
    await assistant(page).locator('#pna-dpo-contact-email').fill('ticked@example.com');
    await assistant(page).locator('#pna-dpo-message').fill('Can you delete my records early?');
    await assistant(page).locator('#pna-dpo-consentToTranscript').focus();
    await page.keyboard.press('Space');
    expect(await assistant(page).locator('#pna-dpo-consentToTranscript').isChecked()).toBe(true);
    await submit(page).click();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Message sent');
    const reference = (await assistant(page).locator('.reference').textContent())!;

    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      council: 'kent',
      notice: 'kent-connect-to-work',
      sessionId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
      contact: { email: 'ticked@example.com' },
      message: 'Can you delete my records early?',
      consentToTranscript: true,
      transcript: [
        { from: 'you', text: 'how long do you keep my information?' },
        {
          from: 'assistant',
          text: expect.stringContaining('6 years'),
          source: { notice: 'kent-connect-to-work', section: 'How long your personal data will be kept' },
        },
      ],
    });

    const mail = outboxMail(reference);
    expect(mail).toMatch(/^To: dpo@kent\.gov\.uk\r$/m);
    expect(mail).toContain('Can you delete my records early?');
    expect(mail).toMatch(/^Content-Disposition: attachment; filename="conversation-ESC-[0-9A-Z-]+\.txt"\r$/m);
    const attachment = mail.split(/^Content-Disposition: attachment.*$/m)[1]!;
    expect(attachment).toContain('Person: how long do you keep my information?');
    // Marked as what the browser sent (the server keeps no transcript); the section it cites checked and named.
    expect(attachment).toContain('Assistant (as supplied): ');
    expect(mail).toContain(
      'Sections of the notices it cites (each checked against the published notices): kent-connect-to-work › How long your personal data will be kept',
    );
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('sends no transcript at all when the box is left unticked, even after a conversation', async () => {
    const { page, context } = await openDemo();
    const sent = recordEscalations(page);
    await assistant(page).locator('.launcher').click();
    await ask(page, 'who do you share my data with');
    await openForm(page);
    await assistant(page).locator('#pna-dpo-contact-phone').fill('01632 960 002');
    await assistant(page).locator('#pna-dpo-message').fill('Please call me about sharing.');
    // Ticked and unticked again: what counts is the box when the form is sent.
    await assistant(page).locator('#pna-dpo-consentToTranscript').check();
    await assistant(page).locator('#pna-dpo-consentToTranscript').uncheck();
    await submit(page).click();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Message sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('transcript');
    expect(sent[0]).toMatchObject({ consentToTranscript: false, contact: { phone: '01632 960 002' } });
    const mail = outboxMail((await assistant(page).locator('.reference').textContent())!);
    expect(mail).not.toMatch(/Content-Disposition: attachment/i);
    expect(mail).not.toContain('who do you share my data with');
    await context.close();
  }, 60_000);

  it('opens from an answer that offers it, about that answer’s notice; a complaint gets its acknowledgement date', async () => {
    const { page, context, problems } = await openDemo('/council');
    const sent = recordEscalations(page);
    await assistant(page).locator('.launcher').click();
    await ask(page, 'how long do you keep my data');
    await assistant(page).locator('.chip', { hasText: 'Connect to Work' }).click();
    await expect.poll(() => assistant(page).locator('.msg.assistant').count(), { timeout: 10_000 }).toBe(2);
    await ask(page, 'I want to complain about how you used my data');
    const offer = assistant(page).locator('.msg.assistant').last().locator('.handoff');
    await expect.poll(() => offer.textContent()).toBe(DPO);
    await offer.click();
    expect(await focused(page)).toContain('dpo-heading');

    await assistant(page).locator('#pna-dpo-contact-name').fill('Jo Bloggs');
    await assistant(page).locator('#pna-dpo-contact-email').fill('complaint@example.com');
    await assistant(page).locator('#pna-dpo-message').fill('I want to complain: my data was shared without asking me.');
    await submit(page).click();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Message sent');
    expect(sent[0]).toMatchObject({
      council: 'kent',
      notice: 'kent-connect-to-work',
      sessionId: expect.any(String),
      contact: { name: 'Jo Bloggs', email: 'complaint@example.com' },
    });
    expect(await assistant(page).locator('.dpo').textContent()).toMatch(
      /we will acknowledge it by \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\./,
    );
    const mail = outboxMail((await assistant(page).locator('.reference').textContent())!);
    expect(mail).toMatch(/^Subject: Complaint for the Data Protection Officer: ESC-/m);
    expect(mail).toContain('Name: Jo Bloggs');

    // Back to the chat: the conversation, with the reference added to it.
    await assistant(page).locator('.dpo button', { hasText: 'Back to the chat' }).click();
    expect(await focused(page)).toBe('pna-input');
    expect(await assistant(page).locator('.msg').count()).toBe(7);
    expect(await assistant(page).locator('.log .msg').last().textContent()).toContain('ESC-');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('checks the form in the browser first, with the server’s messages, and sends nothing until it is right', async () => {
    const { page, context } = await openDemo();
    const sent = recordEscalations(page);
    await openForm(page);
    await submit(page).click();
    await expect.poll(() => summary(page).isVisible()).toBe(true);
    expect(await focused(page)).toContain('summary');
    expect(await summary(page).locator('li a').allTextContents()).toEqual([
      'Give an email address or a phone number so the Data Protection Officer can reply.',
      'Tell us what you need help with.',
    ]);
    await summary(page).locator('li a').nth(1).click();
    expect(await focused(page)).toBe('pna-dpo-message');

    await assistant(page).locator('#pna-dpo-contact-email').fill('not an email');
    await assistant(page).locator('#pna-dpo-contact-phone').fill('call me');
    await assistant(page).locator('#pna-dpo-message').fill('x'.repeat(2001));
    await submit(page).click();
    await expect
      .poll(() => summary(page).locator('li a').allTextContents())
      .toEqual([
        'Enter an email address in the correct format, like name@example.com',
        'Enter a UK phone number, like 01632 960 001',
        'Keep your message under 2,000 characters.',
      ]);
    expect(sent).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the server’s field errors in a GOV.UK error summary that links to each field, keeping every answer', async () => {
    const { page, context, problems } = await openDemo();
    await failEscalations(page, {
      status: 400,
      body: {
        ok: false,
        error: {
          code: 'invalid',
          message: 'Some answers need correcting.',
          fields: {
            message: 'Tell us what you need help with.',
            'contact.email': 'Enter an email address in the correct format, like name@example.com',
            consentToTranscript: 'The conversation can only be sent if you tick the box to agree.',
            council: 'Say which council this is for.',
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
    const links = summary(page).locator('li a');
    expect(await links.allTextContents()).toEqual([
      'Enter an email address in the correct format, like name@example.com',
      'Tell us what you need help with.',
      'The conversation can only be sent if you tick the box to agree.',
    ]);
    expect(await summary(page).locator('li').last().textContent()).toBe('Say which council this is for.');
    expect(await summary(page).locator('button').count()).toBe(0); // nothing to retry: the answers need changing

    await links.nth(0).click();
    expect(await focused(page)).toBe('pna-dpo-contact-email');
    await links.nth(2).focus();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('pna-dpo-consentToTranscript');

    for (const [id, message] of [
      ['pna-dpo-contact-email', 'Enter an email address in the correct format, like name@example.com'],
      ['pna-dpo-message', 'Tell us what you need help with.'],
      ['pna-dpo-consentToTranscript', 'The conversation can only be sent if you tick the box to agree.'],
    ] as const) {
      const control = assistant(page).locator(`#${id}`);
      expect(await control.getAttribute('aria-invalid')).toBe('true');
      expect(await control.getAttribute('aria-describedby')).toContain(`${id}-error`);
      expect(await assistant(page).locator(`#${id}-error`).textContent()).toBe(`Error: ${message}`);
      expect(await assistant(page).locator(`#${id}-error`).isVisible()).toBe(true);
    }
    // The hint stays part of the description alongside the message.
    expect(await assistant(page).locator('#pna-dpo-message').getAttribute('aria-describedby')).toBe(
      'pna-dpo-message-hint pna-dpo-message-error',
    );
    expect(await assistant(page).locator('.group.invalid').count()).toBe(3);
    expect(await assistant(page).locator('#pna-dpo-contact-name').getAttribute('aria-invalid')).toBeNull();
    await expectEverythingKept(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('says a 429 or another 4xx kindly, in the server’s words, and keeps every answer', async () => {
    const { page, context } = await openDemo();
    await failEscalations(
      page,
      {
        status: 429,
        body: {
          error: {
            code: 'too-many',
            message: 'You have sent several messages today. The Data Protection Officer will reply to those first.',
          },
        },
      },
      { status: 400, body: { error: { code: 'unknown-context', message: 'Unknown notice "x".' } } },
    );
    await openForm(page);
    await fillEverything(page);
    await submit(page).click();
    await expect.poll(() => summary(page).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await focused(page)).toContain('summary');
    expect(await summary(page).locator('p').allTextContents()).toEqual([
      'You have sent several messages today. The Data Protection Officer will reply to those first.',
    ]);
    expect(await summary(page).locator('button').count()).toBe(0);
    await expectEverythingKept(page);

    await submit(page).click();
    await expect.poll(() => summary(page).locator('p').allTextContents()).toEqual(['Unknown notice "x".']);
    await expectEverythingKept(page);
    await context.close();
  }, 60_000);

  it('keeps every answer when sending fails, and "Try again" sends it', async () => {
    const { page, context } = await openDemo();
    const sent = recordEscalations(page);
    await failEscalations(
      page,
      'abort',
      { status: 503, body: { error: { code: 'internal', message: 'Sorry, something went wrong on our side.' } } },
      'server',
    );
    const typed = { ...TYPED, 'pna-dpo-contact-email': 'retry@example.com' };
    await openForm(page);
    await fillEverything(page, typed);
    await submit(page).click();
    await expect.poll(() => summary(page).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await focused(page)).toContain('summary');
    expect(await summary(page).textContent()).toContain('Check your connection');
    expect(await summary(page).textContent()).toContain('Your message has not been lost.');
    await expectEverythingKept(page, typed);

    // The summary has focus: the next Tab is its "Try again".
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button.retry:Try again');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => summary(page).textContent(), { timeout: 10_000 })
      .toContain('Sorry, something went wrong on our side.');
    expect(await focused(page)).toContain('summary');
    await expectEverythingKept(page, typed);

    await summary(page).locator('button', { hasText: 'Try again' }).click();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toContain('Message sent');
    expect(await assistant(page).locator('.reference').textContent()).toMatch(REFERENCE);
    expect(sent).toHaveLength(3);
    for (const body of sent) expect(body).toEqual(sent[0]);
    expect(sent[0]).toMatchObject({
      contact: { name: 'Jo Bloggs', email: 'retry@example.com', phone: '01632 960 001' },
      message: TYPED['pna-dpo-message'],
      consentToTranscript: true,
      transcript: [],
    });
    await context.close();
  }, 60_000);

  it('Cancel goes back to the conversation and sends nothing; Escape closes and reopens to the form as it was', async () => {
    const { page, context, problems } = await openDemo();
    const sent = recordEscalations(page);
    await openForm(page);
    await assistant(page).locator('#pna-dpo-message').fill('A draft');
    await page.keyboard.press('Escape');
    expect(await assistant(page).locator('.panel').isHidden()).toBe(true);
    await assistant(page).locator('.launcher').click();
    expect(await focused(page)).toContain('dpo-heading');
    expect(await assistant(page).locator('#pna-dpo-message').inputValue()).toBe('A draft');

    await assistant(page).locator('.dpo button', { hasText: 'Cancel' }).click();
    expect(await assistant(page).locator('.dpo').count()).toBe(0);
    expect(await assistant(page).locator('.chat').isVisible()).toBe(true);
    expect(await focused(page)).toContain(`handoff:${DPO}`);
    expect(sent).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('has no WCAG 2.2 A/AA violation that axe-core finds: the form, the error summary, the confirmation', async () => {
    const { page, context } = await openDemo();
    await openForm(page);
    expect(await axeViolations(page)).toEqual([]);

    await submit(page).click();
    await expect.poll(() => summary(page).isVisible()).toBe(true);
    expect(await assistant(page).locator('.field-error:visible').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    // The server's errors, on the checkbox too, and the failure with its "Try again" button.
    await failEscalations(
      page,
      {
        status: 400,
        body: {
          ok: false,
          error: {
            code: 'invalid',
            message: 'Some answers need correcting.',
            fields: { consentToTranscript: 'The conversation can only be sent if you tick the box to agree.' },
          },
        },
      },
      'abort',
      'server',
    );
    await fillEverything(page, { ...TYPED, 'pna-dpo-contact-email': 'axe@example.com' });
    await submit(page).click();
    await expect.poll(() => assistant(page).locator('#pna-dpo-consentToTranscript-error').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await submit(page).click();
    await expect.poll(() => summary(page).locator('.retry').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await submit(page).click();
    await expect.poll(() => assistant(page).locator('.reference').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('fits a 320 px wide screen without scrolling sideways, with and without errors', async () => {
    const { page, context } = await openDemo('/', { width: 320, height: 640 });
    await openForm(page);
    const fits = async () => {
      const panel = await assistant(page).locator('.panel').boundingBox();
      expect(panel!.x).toBeGreaterThanOrEqual(0);
      expect(panel!.x + panel!.width).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      const overflow = await assistant(page)
        .locator('.panel')
        .evaluate((p) => p.scrollWidth - p.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const control of await assistant(page).locator('.dpo input, .dpo textarea, .dpo button').all()) {
        const box = await control.boundingBox();
        if (!box) continue;
        expect(box.x).toBeGreaterThanOrEqual(panel!.x);
        expect(box.x + box.width).toBeLessThanOrEqual(panel!.x + panel!.width);
      }
    };
    await fits();
    // 44 px targets for buttons, text fields and the checkbox's row.
    for (const target of await assistant(page)
      .locator('.dpo button, .dpo .choice, .dpo input:not(.choice input), .dpo textarea')
      .all()) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await submit(page).click();
    await expect.poll(() => summary(page).isVisible()).toBe(true);
    await fits();
    await failEscalations(page, 'abort');
    await fillEverything(page);
    await submit(page).click();
    await expect.poll(() => summary(page).locator('.retry').isVisible()).toBe(true);
    await fits();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('escalation-form-320.png', ARTIFACTS).pathname });
    await context.close();
  }, 60_000);
});
