/**
 * The Teams bot keeps a conversation's context ({notice, council, topic}) across turns with no session table:
 * card buttons carry it in their data, and a follow-up typed in the compose box finds it in the context store
 * (in AWS one expiring DynamoDB item per conversation). Each "instance" below is its own conversation handler
 * through the real Bot Framework adapter, as separate Lambda instances are.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamsContextStore } from '#core/ports.ts';
import { DynamoTeamsContextStore } from '#adapters/dynamodb-teams-context-store.ts';
import { createBotEndpoint } from '../../../functions/channels/teams/bot-framework.ts';
import { createTeamsConversation, memoryContextStore } from '../../../functions/channels/teams/conversation.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../functions/local/dynalite.ts';
import { realIndex } from '../../helpers.ts';

interface CardElement {
  text?: string;
  selectAction?: { type: string; data?: Record<string, unknown> };
}
interface Card {
  body: CardElement[];
  actions?: { type: string; title: string; data?: Record<string, unknown> }[];
}

/** A stand-in for the Bot Connector at the activity's serviceUrl: keeps the cards the bot posts. */
let server: Server;
let serviceUrl: string;
const posted: Card[][] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as { attachments?: { content: Card }[] };
      posted.push((body.attachments ?? []).map((a) => a.content));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `reply-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One bot instance (its own process memory), optionally sharing a context store with others. */
const instance = (contexts?: TeamsContextStore) =>
  createBotEndpoint(
    { appId: '', appPassword: '', tenantId: '' },
    createTeamsConversation({ index: realIndex(), ...(contexts ? { contexts } : {}) }),
  );

let turn = 0;
/** Sends a message (typed text or a button's data) in a conversation; returns the answer card the bot posted. */
async function send(
  bot: ReturnType<typeof instance>,
  conversation: string,
  message: { text?: string; value?: unknown },
) {
  const before = posted.length;
  const response = await bot(
    undefined,
    JSON.stringify({
      type: 'message',
      id: String(++turn),
      serviceUrl,
      channelId: 'msteams',
      from: { id: '29:1staff', aadObjectId: '00000000-0000-0000-0000-000000000001' },
      recipient: { id: '28:bot' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-1' },
      ...message,
    }),
  );
  expect(response.status).toBe(200);
  return posted.slice(before).flat()[0]!;
}

const textOf = (card: Card) => card.body.map((b) => b.text ?? '').join('\n');
/** The citation line: which notice answered. */
const citation = (card: Card) => card.body.map((b) => b.text ?? '').find((t) => t.startsWith('From the ')) ?? '';
/** "From the <service> privacy notice": the notice, without the section. */
const serviceOf = (card: Card) => citation(card).replace(/, “.*$/, '');
const buttons = (card: Card) => [
  ...card.body.flatMap((b) => (b.selectAction?.data ? [b.selectAction.data] : [])),
  ...(card.actions ?? []).flatMap((a) => (a.data ? [a.data] : [])),
];

const FIRST = 'how long do we keep adoption records';
const FOLLOW_UP = 'and who do you share it with?';

describe('Teams: the conversation context across turns, without a session table', () => {
  it('every button under an answer carries its context, and a follow-up pressed there is answered from that notice on another instance', async () => {
    const first = await send(instance(), 'a:card-1', { text: FIRST });
    expect(textOf(first)).toMatch(/^100 years for adoption records/);
    const notice = serviceOf(first);
    expect(notice).toMatch(/^From the .+ privacy notice$/);
    const data = buttons(first);
    expect(data.length).toBeGreaterThan(0);
    for (const d of data) expect(d.context).toMatchObject({ notice: expect.any(String), topic: 'retention' });

    // Another instance, which has never seen this conversation: only the button's data tells it the notice.
    const context = data[0]!.context;
    const followUp = await send(instance(), 'a:card-1', { value: { ask: FOLLOW_UP, context } });
    expect(serviceOf(followUp)).toBe(notice);
    expect(citation(followUp)).not.toBe(citation(first)); // a sharing section, not the retention one again

    // The same question with no context is not answered from that notice: the context is what carried it.
    const bare = await send(instance(), 'a:card-2', { value: { ask: FOLLOW_UP } });
    expect(serviceOf(bare)).not.toBe(notice);
  });

  it('a follow-up typed in the compose box after an answer keeps the notice, on another instance sharing the store', async () => {
    const store = memoryContextStore();
    const first = await send(instance(store), 'a:typed-1', { text: FIRST });
    const notice = serviceOf(first);
    expect(notice).toMatch(/^From the .+ privacy notice$/);

    const followUp = await send(instance(store), 'a:typed-1', { text: FOLLOW_UP });
    expect(serviceOf(followUp)).toBe(notice);
    expect(citation(followUp)).not.toBe(citation(first)); // a sharing section, not the retention one again

    // Another conversation (another staff member, or a channel thread) does not inherit it.
    const elsewhere = await send(instance(store), 'a:typed-2', { text: FOLLOW_UP });
    expect(serviceOf(elsewhere)).not.toBe(notice);
  });

  it('a failing context store costs the follow-up its context, never the answer', async () => {
    const broken: TeamsContextStore = {
      get: () => Promise.reject(new Error('unavailable')),
      put: () => Promise.reject(new Error('unavailable')),
    };
    const first = await send(instance(broken), 'a:broken', { text: FIRST });
    expect(textOf(first)).toMatch(/^100 years for adoption records/);
  });
});

describe('DynamoTeamsContextStore (against dynalite)', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: 'teams-channels',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  afterAll(() => dynamo.close());

  it('keeps one context per conversation for an hour, and nothing else', async () => {
    let now = new Date('2026-12-03T09:00:00Z');
    const store = new DynamoTeamsContextStore(dynamo.client, 'teams-channels', () => now);
    await store.put('a:one', { notice: 'kent-connect-to-work', council: 'kent', topic: 'retention' });
    await store.put('a:two', { notice: 'sefton-at-work' });
    expect(await store.get('a:one')).toEqual({ notice: 'kent-connect-to-work', council: 'kent', topic: 'retention' });
    await store.put('a:one', { notice: 'kent-connect-to-work', topic: 'sharing' });
    expect(await store.get('a:one')).toEqual({ notice: 'kent-connect-to-work', topic: 'sharing' });
    expect(await store.get('a:two')).toEqual({ notice: 'sefton-at-work' });
    expect(await store.get('a:never')).toBeUndefined();
    now = new Date('2026-12-03T10:00:01Z');
    expect(await store.get('a:one')).toBeUndefined();
  });
});
