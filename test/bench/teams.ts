/**
 * The Teams bot for `npm run bench`: a question turn through the real Bot Framework adapter (Emulator mode, no
 * token) to a stand-in Bot Connector on loopback, and the bot Lambda's bundle size and cold import.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createBotEndpoint } from '../../functions/channels/teams/bot-framework.ts';
import { createTeamsConversation } from '../../functions/channels/teams/conversation.ts';
import { loadKnowledgeIndex } from '#adapters/knowledge-file.ts';
import { BUNDLE_DEFINE, shipKnowledge } from './http.ts';

export interface TeamsFigures {
  turns: number;
  p50: number;
  p99: number;
  /** Of each turn, the conversation's own part (answering, the card, the context): the rest is the adapter and the reply's POST. */
  conversationP50: number;
  conversationP99: number;
  bundleKiB: number;
  coldImportMs: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function benchTeams(questions: string[], turns = 300): Promise<TeamsFigures> {
  const connector = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  const converse = createTeamsConversation({ index: loadKnowledgeIndex() });
  const conversationTimes: number[] = [];
  const endpoint = createBotEndpoint({ appId: '', appPassword: '', tenantId: '' }, async (turn) => {
    const t0 = performance.now();
    const replies = await converse(turn);
    conversationTimes.push(performance.now() - t0);
    return replies;
  });
  const times: number[] = [];
  for (let i = 0; i < turns; i++) {
    const body = JSON.stringify({
      type: 'message',
      id: String(i),
      serviceUrl,
      channelId: 'msteams',
      from: { id: '29:staff' },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:bench', conversationType: 'personal' },
      text: questions[i % questions.length],
    });
    const t0 = performance.now();
    await endpoint(undefined, body);
    times.push(performance.now() - t0);
  }
  connector.close();
  times.sort((a, b) => a - b);
  conversationTimes.sort((a, b) => a - b);

  // The bot Lambda as esbuild bundles it (botbuilder is CommonJS: the banner gives it `require` in ESM).
  // Inside the repository, so the AWS SDK (left to the Lambda runtime) resolves from node_modules.
  const outdir = new URL('../../dist/lambda/teams/', import.meta.url).pathname;
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [new URL('../../functions/channels/teams/index.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir,
    external: ['@aws-sdk/*'],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    define: BUNDLE_DEFINE,
    logLevel: 'error',
  });
  const { kbPath } = shipKnowledge(new URL('../../dist/lambda/teams/', import.meta.url));
  const entry = join(outdir, 'index.js');
  const probe = `const t=performance.now();await import(${JSON.stringify(entry)});console.log(performance.now()-t);process.exit(0)`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe], {
    env: {
      ...process.env,
      MICROSOFT_APP_ID: 'a',
      MICROSOFT_APP_PASSWORD: 'b',
      MICROSOFT_APP_TENANT_ID: 'c',
      TEAMS_ALLOWED_TENANTS: 'c',
      TEAMS_COUNCIL: 'kent',
      TEAMS_CHANNEL_TABLE: 't',
      ESCALATION_TABLE: 'e',
      MAIL_TABLE: 'm',
      AWS_REGION: 'eu-west-2',
      KB_PATH: kbPath,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      NODE_NO_WARNINGS: '1',
    },
    timeout: 30_000,
  });
  return {
    turns,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    conversationP50: percentile(conversationTimes, 0.5),
    conversationP99: percentile(conversationTimes, 0.99),
    bundleKiB: statSync(entry).size / 1024,
    coldImportMs: Number(stdout.trim()),
  };
}
