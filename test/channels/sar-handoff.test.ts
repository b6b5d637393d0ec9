import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';

// End to end on the laptop: widget form → POST /api/sar → chat handler → @aws-sdk/client-lambda Invoke →
// the local Invoke endpoint → the SAR intake function → dynalite.
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, logLevel: 'SILENT' });
});
afterAll(() => server.close());

const post = async (body: unknown) => {
  const response = await fetch(`${server.url}/api/sar`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};

const form = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  council: 'kent',
  notice: 'kent-connect-to-work',
  requester: { name: 'Sam Example', email: 'sam@example.com' },
  request: { description: 'Everything about my employment support' },
  // What the route decides itself, whatever the form says.
  channel: 'teams',
  loggedBy: 'someone-else',
  ...overrides,
});

describe('POST /api/sar (the chat hand-off to the SAR intake function)', () => {
  it('creates a case through Lambda Invoke and returns the reference and due date; a retry returns the same case', async () => {
    const body = form();
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ ok: true, created: true, status: 'received' });
    expect(first.json.reference).toMatch(/^SAR-/);
    expect(first.json.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ ok: true, created: false, reference: first.json.reference });
  });

  it('answers bad answers field by field, and an unknown council clearly', async () => {
    const invalid = await post(form({ requester: { name: '', email: 'not-an-email' } }));
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.fields).toMatchObject({
      'requester.name': 'Enter the name of the person asking.',
      'requester.email': expect.stringMatching(/correct format/),
    });
    const unknown = await post(form({ council: 'atlantis', notice: undefined }));
    expect(unknown).toMatchObject({ status: 400, json: { error: { code: 'unknown-context' } } });
  });
});
