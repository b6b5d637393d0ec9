import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';

// The DPO's loop on `npm start`: a question the notices cannot answer and a complaint go in through the API,
// the digest (run on demand locally, weekly in AWS) lists both, and its signed link acknowledges the complaint.
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, logLevel: 'SILENT' });
});
afterAll(() => server.close());

const api = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });
const outbox = () => readdirSync(server.outboxDir).map((f) => readFileSync(join(server.outboxDir, f), 'utf8'));

describe('the DPO loop on the local server', () => {
  it('records the unanswered question, lists it and the complaint in the digest, and the link acknowledges it', async () => {
    const sessionId = randomUUID();
    const chat = await api('/api/chat', {
      message: 'do you sell my data to advertisers, email me at jo@example.com',
      council: 'kent',
      notice: 'kent-connect-to-work',
      sessionId,
    });
    expect(chat.status).toBe(200);
    // An answer the person said did not help ("Did this answer your question? No"), as the widget sends it.
    const rated = await api('/api/feedback', {
      helpful: false,
      question: 'who do you share my data with? I am Jo, jo@example.com',
      topic: 'sharing',
      notice: 'kent-connect-to-work',
      council: 'kent',
    });
    expect(rated.status).toBe(202);
    const escalated = await api('/api/escalate', {
      council: 'kent',
      notice: 'kent-connect-to-work',
      sessionId,
      contact: { email: 'jo@example.com' },
      message: 'I want to complain: my adviser shared my health details without asking me.',
    });
    expect(escalated.status).toBe(201);
    const { reference, complaint } = (await escalated.json()) as { reference: string; complaint: boolean };
    expect(complaint).toBe(true);

    const digestRun = await fetch(`${server.url}/local/digest`, { method: 'POST' });
    expect(await digestRun.json()).toEqual(expect.arrayContaining([{ council: 'kent', sent: true }]));
    const digest = outbox().find((m) => m.includes('To: dpo@kent.gov.uk') && m.includes('Mark acknowledged'))!;
    expect(digest).toContain('sell my data to advertisers');
    expect(digest).toContain('Answers people said did not help (1 time)');
    expect(digest).toMatch(/1 × "who do you share my data with\? I am \[name\], \[email\]" \(topic: sharing\)/);
    expect(digest).toContain('[email]');
    expect(digest).not.toContain('jo@example.com');
    expect(digest).toContain(reference);

    const link = new RegExp(`Mark acknowledged: (\\S+${reference}\\S*)`).exec(digest.replace(/=\r?\n/g, ''))![1]!;
    const opened = await fetch(link.replace(/=3D/g, '='));
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<form method="post"');
    const acknowledged = await fetch(link.replace(/=3D/g, '='), { method: 'POST' });
    expect(acknowledged.status).toBe(200);
    expect(await acknowledged.text()).toContain(`Complaint ${reference} is marked acknowledged`);

    // The next digest no longer lists it.
    const before = new Set(readdirSync(server.outboxDir));
    await fetch(`${server.url}/local/digest`, { method: 'POST' });
    const next = readdirSync(server.outboxDir)
      .filter((f) => !before.has(f))
      .map((f) => readFileSync(join(server.outboxDir, f), 'utf8'))
      .find((m) => m.includes('To: dpo@kent.gov.uk'))!;
    expect(next).toContain('sell my data to advertisers');
    expect(next).not.toContain(reference);
  });
});
