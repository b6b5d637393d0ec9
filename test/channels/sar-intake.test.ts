import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '#core/sar/calendar.ts';
import { DynamoSarCaseStore } from '#adapters/dynamodb-sar-store.ts';
import { longDate } from '#core/long-date.ts';
import { LocalOutbox } from '#adapters/local-outbox.ts';
import { drainQueue } from '#core/mail-queue.ts';
import { createSarIntakeHandler, type SarCaseResponse } from '../../functions/channels/sar-intake/handler.ts';
import {
  ensureMailQueueTable,
  ensureSarTable,
  startLocalDynamo,
  type LocalDynamo,
} from '../../functions/local/dynalite.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import type { SarIntakeResponse } from '#core/sar/intake-contract.ts';

const calendar = createWorkingCalendar(
  JSON.parse(readFileSync(new URL('../../knowledge/bank-holidays/england-and-wales.json', import.meta.url), 'utf8')),
);
const dataDir = mkdtempSync(join(tmpdir(), 'sar-'));
const outbox = join(dataDir, 'outbox');
let dynamo: LocalDynamo;

function intake(d: LocalDynamo = dynamo, mail: LocalOutbox = new LocalOutbox(outbox)) {
  return createSarIntakeHandler({
    store: new DynamoSarCaseStore(d.client, 'sar-cases'),
    calendar,
    knows: (council, notice) =>
      council !== 'kent'
        ? `Unknown council "${council}".`
        : notice && !notice.startsWith('kent-')
          ? `Unknown notice "${notice}".`
          : undefined,
    randomBytes: (size) => randomBytes(size),
    now: () => new Date('2024-11-25T10:00:00Z'),
    today: () => '2024-11-25',
    logger: new Logger({ serviceName: 'sar-test', logLevel: 'SILENT' }),
    queue: new DynamoMailQueue(d.client, 'mail'),
    sender: mail,
    mailboxes: () => ({ name: 'Kent County Council', dpoEmail: 'dpo@kent.gov.uk' }),
  });
}

const request = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  council: 'kent',
  notice: 'kent-connect-to-work',
  requester: { name: 'Sam Example', email: 'sam@example.com' },
  request: { description: 'Everything you hold about my employment support' },
  channel: 'web-chat',
  loggedBy: 'resident',
  receivedOn: '2024-11-25',
  ...overrides,
});

const submit = (body: unknown, handler = intake()) =>
  handler({ action: 'submit', request: body }) as Promise<SarIntakeResponse>;

beforeAll(async () => {
  dynamo = await startLocalDynamo({ path: dataDir });
  await Promise.all([ensureSarTable(dynamo.client, 'sar-cases'), ensureMailQueueTable(dynamo.client, 'mail')]);
});
afterAll(() => dynamo.close());

describe('SAR intake against dynalite', () => {
  it('creates a case with a check-character reference and the statutory due date', async () => {
    const response = await submit(request());
    expect(response).toMatchObject({ ok: true, status: 'received', created: true, dueDate: '2024-12-27' });
    if (!response.ok) throw new Error('unreachable');
    expect(response.reference).toMatch(/^SAR-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(response.nextSteps).toMatch(/quote your reference/);
  });

  it('creates exactly one case for 100 concurrent submissions with the same idempotency key', async () => {
    const body = request();
    const handler = intake();
    const responses = await Promise.all(Array.from({ length: 100 }, () => submit(body, handler)));
    expect(responses.every((r) => r.ok)).toBe(true);
    const references = new Set(responses.map((r) => (r.ok ? r.reference : '')));
    expect(references.size).toBe(1);
    expect(responses.filter((r) => r.ok && r.created)).toHaveLength(1);
  }, 60_000);

  it('creates 500 cases with 500 distinct references for 500 concurrent distinct submissions', async () => {
    const handler = intake();
    const responses = await Promise.all(Array.from({ length: 500 }, () => submit(request(), handler)));
    expect(responses.filter((r) => r.ok && r.created)).toHaveLength(500);
    expect(new Set(responses.map((r) => (r.ok ? r.reference : ''))).size).toBe(500);
  }, 120_000);

  it('lets one of two concurrent status changes win and tells the other of the conflict', async () => {
    const created = await submit(request());
    if (!created.ok) throw new Error('not created');
    const handler = intake();
    const change = (to: string) =>
      handler({ action: 'change-status', reference: created.reference, to, by: 'officer-1', why: 'checked' });
    const [a, b] = (await Promise.all([change('in-progress'), change('awaiting-identity')])) as SarCaseResponse[];
    expect([a!.ok, b!.ok].sort()).toEqual([false, true]);
    const loser = (a!.ok ? b : a) as Extract<SarCaseResponse, { ok: false }>;
    expect(loser.error.code).toBe('conflict');
    const stored = (await handler({ action: 'get', reference: created.reference })) as SarCaseResponse;
    if (!stored.ok) throw new Error('missing');
    expect(stored.case.audit).toHaveLength(2); // received, plus exactly one change
  });

  it('moves the clock with the lifecycle: waiting for identity has no due date, verified identity starts it', async () => {
    const created = await submit(request());
    if (!created.ok) throw new Error('not created');
    const handler = intake();
    const waiting = (await handler({
      action: 'change-status',
      reference: created.reference,
      to: 'awaiting-identity',
      by: 'officer',
      why: 'ID needed',
    })) as SarCaseResponse;
    expect(waiting.ok && waiting.case.deadline.dueDate).toBeNull();
    const started = (await handler({
      action: 'change-status',
      reference: created.reference,
      to: 'in-progress',
      by: 'officer',
      why: 'ID seen',
      on: '2024-12-02',
    })) as SarCaseResponse;
    expect(started.ok && started.case.deadline).toMatchObject({ clockStartsOn: '2024-12-02', dueDate: '2025-01-02' });
    const illegal = (await handler({
      action: 'change-status',
      reference: created.reference,
      to: 'received',
      by: 'officer',
      why: 'oops',
    })) as SarCaseResponse;
    expect(illegal).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it.each([
    ['no contact route', { requester: { name: 'Sam' } }, 'requester.email', /at least one way to contact/],
    ['an invalid email', { requester: { name: 'Sam', email: 'sam@' } }, 'requester.email', /correct format/],
    [
      'a date range that ends before it starts',
      { request: { description: 'x', from: '2024-05-01', to: '2024-01-01' } },
      'request.to',
      /after the start date/,
    ],
    [
      'text over the limit',
      { request: { description: 'x'.repeat(4001) } },
      'request.description',
      /under 4000 characters/,
    ],
  ])('refuses %s with a field-level error and stores nothing', async (_name, overrides, field, message) => {
    const body = request(overrides);
    const response = await submit(body);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.fields?.[field]).toMatch(message);
    const retry = await submit({ ...body, ...request({ idempotencyKey: body.idempotencyKey }) });
    expect(retry).toMatchObject({ ok: true, created: true }); // the key was not used up by the refused attempt
  });

  it('refuses an unknown council and a reference with a wrong check character', async () => {
    expect(await submit(request({ council: 'atlantis' }))).toMatchObject({
      ok: false,
      error: { code: 'unknown-context' },
    });
    const created = await submit(request());
    if (!created.ok) throw new Error('not created');
    const wrong = created.reference.slice(0, -1) + (created.reference.endsWith('2') ? '3' : '2');
    expect(await intake()({ action: 'get', reference: wrong })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
  });

  it('says "try again" when DynamoDB is down, and the retried submission then creates exactly one case', async () => {
    const body = request();
    const down = await startLocalDynamo({ path: join(dataDir, 'down') });
    await Promise.all([ensureSarTable(down.client, 'sar-cases'), ensureMailQueueTable(down.client, 'mail')]);
    const handlerOnDown = intake(down);
    const { port } = new URL(down.endpoint);
    await down.close();
    const failed = await submit(body, handlerOnDown);
    expect(failed).toMatchObject({ ok: false, error: { code: 'unavailable', message: /Nothing was saved/ } });
    const back = await startLocalDynamo({ path: join(dataDir, 'down'), port: Number(port) });
    try {
      const handler = intake(back);
      const [first, second] = await Promise.all([submit(body, handler), submit(body, handler)]);
      expect(
        [first, second].filter((r) => r.ok && r.created),
        JSON.stringify([first, second]),
      ).toHaveLength(1);
      expect(first!.ok && second!.ok && first!.reference === second!.reference).toBe(true);
    } finally {
      await back.close();
    }
  }, 60_000);

  it('sends the acknowledgement and the DPO notice to the outbox; a failed send leaves the case made and the mail pending until a retry', async () => {
    const before = new Set(readdirSync(outbox));
    const sent = await submit(request({ requester: { name: 'Pat Example', email: 'pat@example.com' } }));
    if (!sent.ok) throw new Error('not created');
    const mails = readdirSync(outbox)
      .filter((f) => !before.has(f))
      .map((f) => readFileSync(join(outbox, f), 'utf8'));
    expect(mails.find((m) => m.includes('To: pat@example.com'))).toContain(sent.reference);
    expect(mails.find((m) => m.includes('To: dpo@kent.gov.uk'))).toContain(
      `New subject access request ${sent.reference}`,
    );
    expect(mails.find((m) => m.includes('To: dpo@kent.gov.uk'))).not.toContain('pat@example.com'); // requester details stay in the case
    // Dates as people read them in both (issue 13); the ISO form stays in the API's answer.
    expect(sent.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const due = longDate(sent.dueDate!);
    expect(due).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(mails.find((m) => m.includes('To: pat@example.com'))).toContain(`We must reply by ${due}.`);
    const notice = mails.find((m) => m.includes('To: dpo@kent.gov.uk'))!;
    expect(notice).toContain('on 25 November 2024.');
    expect(notice).toContain(`Due: ${due}`);
    for (const mail of mails) expect(mail.split('\r\n\r\n').slice(1).join('')).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

    // A mail relay that refuses: the outbox folder is replaced by a file, so every write fails.
    const broken = join(dataDir, 'broken-outbox');
    const refusing = new LocalOutbox(broken);
    rmSync(broken, { recursive: true });
    writeFileSync(broken, 'not a folder');
    const created = await submit(request(), intake(dynamo, refusing));
    expect(created).toMatchObject({ ok: true, created: true });
    if (!created.ok) return;
    const stored = (await intake()({ action: 'get', reference: created.reference })) as SarCaseResponse;
    expect(stored.ok && stored.delivery?.map((n) => [n.kind, n.status, n.attempts])).toEqual([
      ['acknowledgement', 'pending', 1],
      ['dpo-new-case', 'pending', 1],
    ]);
    // The scheduled retry (the same one that sends escalations) delivers them once the relay is back.
    const later = () => new Date('2024-11-25T10:30:00Z').toISOString();
    const beforeRetry = new Set(readdirSync(outbox));
    expect(await drainQueue(new DynamoMailQueue(dynamo.client, 'mail'), new LocalOutbox(outbox), later)).toMatchObject({
      sent: 2,
    });
    const delivered = (await intake()({ action: 'get', reference: created.reference })) as SarCaseResponse;
    expect(delivered.ok && delivered.delivery?.map((n) => [n.status, n.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);
    const arrived = readdirSync(outbox).filter((f) => !beforeRetry.has(f));
    expect(arrived).toHaveLength(2);
    // Asking again sends nothing twice: the mail is queued once per case and kind.
    const retried = (await intake()({
      action: 'retry-notifications',
      reference: created.reference,
    })) as SarCaseResponse;
    expect(retried.ok && retried.delivery?.map((n) => n.status)).toEqual(['sent', 'sent']);
    expect(readdirSync(outbox).filter((f) => !beforeRetry.has(f))).toHaveLength(2);
  });

  it('logs no personal data and no reference from a submission', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (
      lines.push(String(chunk)),
      true
    )) as typeof process.stdout.write;
    let reference = '';
    try {
      const logged = createSarIntakeHandler({
        store: new DynamoSarCaseStore(dynamo.client, 'sar-cases'),
        calendar,
        knows: () => undefined,
        randomBytes: (size) => randomBytes(size),
        now: () => new Date(),
        today: () => '2024-11-25',
        logger: new Logger({ serviceName: 'sar-test', logLevel: 'INFO' }),
        queue: new DynamoMailQueue(dynamo.client, 'mail'),
        sender: new LocalOutbox(outbox),
        mailboxes: () => ({ name: 'Kent County Council', dpoEmail: 'dpo@kent.gov.uk' }),
      });
      const response = (await logged({
        action: 'submit',
        request: request({
          requester: { name: 'Jane Secret', email: 'jane.secret@example.com', phone: '07700 900123' },
        }),
      })) as SarIntakeResponse;
      if (response.ok) reference = response.reference;
    } finally {
      process.stdout.write = write;
    }
    const log = lines.join('');
    expect(log).toContain('SAR submitted');
    for (const secret of ['Jane Secret', 'jane.secret@example.com', '07700 900123', reference])
      expect(log).not.toContain(secret);
  });

  it('extends by two further months with reasons (a flag, not a status) and lists cases by status', async () => {
    // Started Sun 30 Nov 2025, extended: three months is Mon 2 Mar 2026 (docs/product.md's worked example).
    const body = request({ receivedOn: '2025-11-30', council: 'kent' });
    const created = await submit(body);
    if (!created.ok) throw new Error('not created');
    const handler = intake();
    const extended = (await handler({
      action: 'extend',
      reference: created.reference,
      by: 'dpo',
      reason: 'Records held in three services',
      on: '2025-12-10',
    })) as SarCaseResponse;
    expect(extended.ok && extended.case).toMatchObject({
      status: 'received',
      extended: { on: '2025-12-10', reason: 'Records held in three services' },
      deadline: { extendedDueDate: '2026-03-02', extensionNoticeBy: '2025-12-30' },
    });
    expect(extended.ok && extended.case.audit.at(-1)).toMatchObject({
      from: 'received',
      to: 'received',
      why: 'Extended: Records held in three services',
    });
    const again = (await handler({
      action: 'extend',
      reference: created.reference,
      by: 'dpo',
      reason: 'again',
    })) as SarCaseResponse;
    expect(again).toMatchObject({ ok: false, error: { message: /already been extended/ } });

    await handler({
      action: 'change-status',
      reference: created.reference,
      to: 'in-progress',
      by: 'officer',
      why: 'started',
    });
    const listed = (await handler({ action: 'list-by-status', council: 'kent', status: 'in-progress' })) as {
      ok: true;
      cases: { reference: string }[];
    };
    expect(listed.cases.map((c) => c.reference)).toContain(created.reference);
  });

  it('sends a refusal with its reasons, the right to complain to the ICO and to a judicial remedy', async () => {
    const created = await submit(request({ requester: { name: 'Lee Example', email: 'lee@example.com' } }));
    if (!created.ok) throw new Error('not created');
    const before = new Set(readdirSync(outbox));
    const refused = (await intake()({
      action: 'change-status',
      reference: created.reference,
      to: 'refused',
      by: 'dpo',
      why: 'The same request was answered in full last week.',
    })) as SarCaseResponse;
    expect(refused.ok && refused.delivery?.find((n) => n.kind === 'refusal')?.status).toBe('sent');
    const letter = readdirSync(outbox)
      .filter((f) => !before.has(f))
      .map((f) => readFileSync(join(outbox, f), 'utf8'))
      .find((m) => m.includes('To: lee@example.com'));
    expect(letter).toContain('The same request was answered in full last week.');
    expect(letter).toMatch(/Information Commissioner's Office/);
    expect(letter).toMatch(/judicial remedy/);
  });
});
