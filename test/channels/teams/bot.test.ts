import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotEndpoint } from '../../../functions/channels/teams/bot-framework.ts';
import { createTeamsConversation } from '../../../functions/channels/teams/conversation.ts';
import { startLocalServer, type LocalServer } from '../../../functions/local/server.ts';
import { realIndex } from '../../helpers.ts';

/** A stand-in for the Bot Connector service Teams gives as serviceUrl: it records what the bot posts. */
interface Connector {
  url: string;
  posted: { method: string; path: string; authorization?: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

async function startConnector(): Promise<Connector> {
  const posted: Connector['posted'] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      posted.push({
        method: request.method ?? '',
        path: request.url ?? '',
        ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
        body: JSON.parse(raw || '{}') as Record<string, unknown>,
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `reply-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    posted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Teams personal-chat message as Teams sends it (trimmed to the fields the protocol requires). */
const teamsMessage = (serviceUrl: string, extra: Record<string, unknown>) => ({
  type: 'message',
  id: '1700000000000',
  timestamp: '2026-11-23T10:00:00.000Z',
  serviceUrl,
  channelId: 'msteams',
  from: { id: '29:1staff', name: 'A Staff Member', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  conversation: { id: 'a:1conversation', conversationType: 'personal', tenantId: 'tenant-1' },
  recipient: { id: '28:bot-app-id', name: 'Privacy assistant' },
  channelData: { tenant: { id: 'tenant-1' } },
  locale: 'en-GB',
  ...extra,
});

let connector: Connector;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(() => connector.close());

const converse = createTeamsConversation({ index: realIndex() });

describe('the Teams bot through the real Bot Framework adapter', () => {
  it('answers a question as an Adaptive Card with the citation and follow-ups, replying in the conversation', async () => {
    const endpoint = createBotEndpoint({ appId: '', appPassword: '', tenantId: '' }, converse);
    const before = connector.posted.length;
    const response = await endpoint(
      undefined,
      JSON.stringify(
        teamsMessage(connector.url, { text: '<at>Privacy assistant</at> how long do we keep adoption records' }),
      ),
    );
    expect(response.status).toBe(200);
    const [reply] = connector.posted.slice(before);
    expect(reply!.path).toBe('/v3/conversations/a%3A1conversation/activities/1700000000000');
    const attachment = (
      reply!.body.attachments as {
        contentType: string;
        content: { body: { text?: string; selectAction?: { type: string } }[]; version: string };
      }[]
    )[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content.version).toBe('1.5');
    const text = attachment.content.body.map((b) => b.text).join('\n');
    expect(text).toMatch(/^100 years for adoption records/);
    expect(text).toMatch(/From the .* privacy notice, “How long do we keep your information for\?”/);
    expect(attachment.content.body.some((b) => b.selectAction?.type === 'Action.Submit')).toBe(true);
  });

  it('answers a card button press (a message carrying the button data) about the service it names', async () => {
    const endpoint = createBotEndpoint({ appId: '', appPassword: '', tenantId: '' }, converse);
    const before = connector.posted.length;
    await endpoint(
      undefined,
      JSON.stringify(
        teamsMessage(connector.url, {
          value: { ask: 'who do you share my information with', notice: 'kent-connect-to-work' },
        }),
      ),
    );
    const reply = connector.posted.slice(before)[0]!;
    expect(JSON.stringify(reply.body)).toContain('Employers and training providers');
  });

  it('shows help with the commands for an unknown command', async () => {
    const endpoint = createBotEndpoint({ appId: '', appPassword: '', tenantId: '' }, converse);
    const before = connector.posted.length;
    await endpoint(undefined, JSON.stringify(teamsMessage(connector.url, { text: 'show me the dashboard' })));
    const replies = JSON.stringify(connector.posted.slice(before).map((p) => p.body));
    expect(replies).toContain('Commands:');
    expect(replies).toContain('Log a SAR');
  });

  it('shows help for "help" and an empty message', async () => {
    const endpoint = createBotEndpoint({ appId: '', appPassword: '', tenantId: '' }, converse);
    const before = connector.posted.length;
    await endpoint(undefined, JSON.stringify(teamsMessage(connector.url, { text: 'help' })));
    expect(JSON.stringify(connector.posted.slice(before)[0]!.body)).toContain('Privacy notice assistant');
  });

  it('with an app id configured, rejects no token, a forged token and a malformed body before any bot logic runs', async () => {
    let ran = 0;
    const endpoint = createBotEndpoint(
      { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'x', tenantId: 'tenant-1' },
      (turn) => {
        ran++;
        return converse(turn);
      },
    );
    const body = JSON.stringify(teamsMessage(connector.url, { text: 'how long do we keep adoption records' }));
    expect((await endpoint(undefined, body)).status).toBe(401);
    const forged = [
      Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'forged' })).toString('base64url'),
      Buffer.from(
        JSON.stringify({
          iss: 'https://api.botframework.com',
          aud: '11111111-2222-3333-4444-555555555555',
          exp: 9999999999,
        }),
      ).toString('base64url'),
      'c2lnbmF0dXJl',
    ].join('.');
    expect((await endpoint(`Bearer ${forged}`, body)).status).toBe(401);
    expect((await endpoint(undefined, 'not json')).status).toBe(400);
    expect(ran).toBe(0);
  });
});

describe('POST /api/messages on npm start: the Emulator path, SAR commands through Lambda Invoke', () => {
  const STAFF = '00000000-0000-0000-0000-000000000001';
  const OTHER = '00000000-0000-0000-0000-000000000002';
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer({
      port: 0,
      logLevel: 'SILENT',
      teams: { tenants: ['tenant-1'], staff: [STAFF], council: 'kent' },
    });
  });
  afterAll(() => server.close());

  /** Sends a message as a user and returns what the bot posted back, as text. */
  const say = async (text: string, user: { aadObjectId?: string; tenantId?: string } = {}) => {
    const before = connector.posted.length;
    const activity = teamsMessage(connector.url, { text });
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...activity,
        from: { ...activity.from, aadObjectId: user.aadObjectId ?? STAFF },
        conversation: { ...activity.conversation, tenantId: user.tenantId ?? 'tenant-1' },
      }),
    });
    expect(response.status).toBe(200);
    const reply = connector.posted.slice(before)[0]!.body;
    return typeof reply.text === 'string' ? reply.text : JSON.stringify(reply.attachments);
  };

  it('answers questions like the Lambda would', async () => {
    expect(await say('who does connect to work share my data with')).toContain('Employers and training providers');
  });

  it('gives staff a case status and its due date; anyone else, or an unknown reference, the same not-found answer', async () => {
    const created = await fetch(`${server.url}/api/sar`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({
        idempotencyKey: randomUUID(),
        council: 'kent',
        notice: 'kent-connect-to-work',
        requester: { name: 'Sam Example', email: 'sam@example.com' },
        request: { description: 'Everything about my employment support' },
      }),
    });
    const { reference, dueDate } = (await created.json()) as { reference: string; dueDate: string };
    const seen = await say(`sar status ${reference.toLowerCase()}`);
    expect(seen).toContain(reference);
    expect(seen).toContain(`due ${dueDate}`);
    expect(seen).not.toContain('Sam Example');

    const notStaff = await say(`sar status ${reference}`, { aadObjectId: OTHER });
    const unknown = await say('sar status SAR-2222-2222');
    expect(notStaff).toMatch(/cannot find a SAR with that reference/);
    expect(unknown).toBe(notStaff);
  });

  it('lists due and overdue cases for staff only, and turns away another tenant politely', async () => {
    expect(await say('due this week')).toMatch(/Due by \d{4}-\d{2}-\d{2} \(five working days\)/);
    expect(await say('overdue')).toMatch(/Overdue/);
    expect(await say('overdue', { aadObjectId: OTHER })).toMatch(/Only the information governance team/);
    expect(await say('how long do you keep adoption records', { tenantId: 'another-tenant' })).toMatch(
      /only for the council’s own staff/,
    );
  });

  it('logs a SAR from a card: the form comes back with errors and everything typed, then becomes the reference in place', async () => {
    const before = connector.posted.length;
    await say('Log a SAR');
    const form = connector.posted.slice(before)[0]!.body as {
      attachments: { content: { body: { id?: string }[]; actions: { data: { idempotencyKey: string } }[] } }[];
    };
    const inputs = form.attachments[0]!.content.body.map((b) => b.id).filter(Boolean);
    expect(inputs).toEqual(expect.arrayContaining(['requester.name', 'request.description', 'channel', 'receivedOn']));
    const { idempotencyKey } = form.attachments[0]!.content.actions[0]!.data;

    const submit = async (fields: Record<string, string>) => {
      const mark = connector.posted.length;
      const activity = teamsMessage(connector.url, {
        replyToId: 'form-card-1',
        value: { command: 'log-sar', idempotencyKey, channel: 'phone', receivedOn: '2026-11-20', ...fields },
      });
      await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, from: { ...activity.from, aadObjectId: OTHER } }),
      });
      return connector.posted.slice(mark)[0]!;
    };

    const incomplete = await submit({ 'requester.name': 'Pat Caller', 'request.description': 'My housing file' });
    expect(incomplete.method).toBe('PUT');
    expect(incomplete.path).toBe('/v3/conversations/a%3A1conversation/activities/form-card-1');
    expect(JSON.stringify(incomplete.body)).toContain('Give at least one way to contact the person');
    expect(JSON.stringify(incomplete.body)).toContain('My housing file'); // kept

    const complete = {
      'requester.name': 'Pat Caller',
      'requester.phone': '01632 960 001',
      'request.description': 'My housing file',
    };
    const logged = await submit(complete);
    expect(logged.method).toBe('PUT');
    const reference = /SAR-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(JSON.stringify(logged.body))![0];
    // Received Friday 20 November: a month later is Sunday 20 December, so the next working day.
    expect(JSON.stringify(logged.body)).toContain('2026-12-21');
    // Pressed twice (or retried by Teams): the same case, not a second one.
    expect(JSON.stringify((await submit(complete)).body)).toContain(reference);
    // Information governance can then look it up by its reference, with how and when it came in.
    expect(await say(`sar status ${reference}`)).toContain('Received 2026-11-20 by phone');
  });

  it('stores the channel when IG staff add the bot to it, and the daily reminders are posted there', async () => {
    const install = (by: string) => {
      const activity = teamsMessage(connector.url, {});
      return fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...activity,
          type: 'conversationUpdate',
          from: { ...activity.from, aadObjectId: by },
          conversation: { id: `19:ig-channel-${by}@thread.tacv2`, conversationType: 'channel', tenantId: 'tenant-1' },
          membersAdded: [{ id: activity.recipient.id }],
          channelData: { tenant: { id: 'tenant-1' }, eventType: 'teamMemberAdded', team: { id: '19:team' } },
        }),
      });
    };
    // Someone outside IG adding the bot gets a greeting, and their channel does not receive case references.
    let mark = connector.posted.length;
    expect((await install(OTHER)).status).toBe(200);
    expect(JSON.stringify(connector.posted.slice(mark))).toContain('I answer questions');
    mark = connector.posted.length;
    expect((await install(STAFF)).status).toBe(200);
    expect(JSON.stringify(connector.posted.slice(mark))).toContain('each working morning');

    mark = connector.posted.length;
    const run = (await (await fetch(`${server.url}/local/reminders`, { method: 'POST' })).json()) as {
      council: string;
    }[];
    expect(run.map((r) => r.council)).toContain('kent');
    const posts = connector.posted.slice(mark);
    expect(posts).toHaveLength(1); // only Kent has a channel
    expect(posts[0]!.path).toContain(encodeURIComponent(`19:ig-channel-${STAFF}@thread.tacv2`));
    expect(String(posts[0]!.body.text)).toMatch(/SARs on \d{4}-\d{2}-\d{2}/);
    expect(String(posts[0]!.body.text)).toMatch(/Overdue/);
  });

  it('escalates to the DPO from a card through the same path as the widget: stored, mailed, reference in place', async () => {
    expect(await say('escalate caller says her adviser shared her health details')).toContain(
      'caller says her adviser shared her health details',
    );
    const submit = async (fields: Record<string, string>) => {
      const mark = connector.posted.length;
      await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          teamsMessage(connector.url, { replyToId: 'escalate-card', value: { command: 'escalate', ...fields } }),
        ),
      });
      return connector.posted.slice(mark)[0]!;
    };
    const message = 'I want to complain: a caller says her adviser shared her health details without asking.';
    const missing = await submit({ message });
    expect(missing.method).toBe('PUT');
    expect(JSON.stringify(missing.body)).toContain('Give an email address or a phone number');
    const sent = await submit({ message, 'contact.email': 'caller@example.com' });
    const reference = /ESC-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(JSON.stringify(sent.body))?.[0];
    expect(reference).toBeDefined();
    const mail = readdirSync(server.outboxDir)
      .map((f) => readFileSync(join(server.outboxDir, f), 'utf8'))
      .find((m) => m.includes(reference!))!;
    expect(mail).toContain('To: dpo@kent.gov.uk');
    expect(mail).toContain('COMPLAINT');

    // Information governance acknowledges it from Teams; anyone else cannot.
    expect(await say(`acknowledge ${reference}`, { aadObjectId: OTHER })).toMatch(/Only the information governance/);
    expect(await say(`acknowledge ${reference}`)).toMatch(new RegExp(`Complaint ${reference} is marked acknowledged`));
    const digest = (await (await fetch(`${server.url}/local/digest`, { method: 'POST' })).json()) as unknown[];
    expect(digest).toEqual(expect.arrayContaining([{ council: 'kent', sent: true }]));
    const latest = readdirSync(server.outboxDir)
      .sort()
      .map((f) => readFileSync(join(server.outboxDir, f), 'utf8'))
      .filter((m) => m.includes('To: dpo@kent.gov.uk'))
      .at(-1)!;
    expect(latest).toContain('Complaints not yet acknowledged');
    expect(latest).not.toContain(reference);
  });
});
