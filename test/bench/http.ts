/**
 * The HTTP path and the chat Lambda's cold start, for `npm run bench`.
 * - `POST /api/chat` on the local server (the real handler, stateless) under autocannon, beside a bare
 *   Node HTTP server answering a fixed JSON body on the same machine in the same run: the same question again
 *   (the starter buttons' case: the answer memo answers), and a question never asked before each time.
 * - The chat Lambda bundled as it deploys (esbuild, minified, AWS SDK left to the runtime): its size, and the
 *   time for a fresh Node process to import it and answer one question.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { build } from 'esbuild';
import { parseKnowledgeBase } from '#core/knowledge-schema.ts';
import { coreFingerprint, INDEX_FILE, prebuiltIndexText } from '#adapters/knowledge-file.ts';
import { startLocalServer } from '../../functions/local/server.ts';
import { loadEvalSet } from '../eval/evaluate.ts';
import { ensureUnansweredTable, startLocalDynamo } from '../../functions/local/dynalite.ts';

const root = new URL('../../', import.meta.url);
const QUESTION = JSON.stringify({ message: 'how long do you keep adoption records' });

export interface HttpFigures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * A different question on every request, so the answer memo (core/answer-cache.ts) never answers one: the main
 * evaluation set's questions in turn, each with the request's number after it, which no fact matches.
 */
function newQuestionEachTime(): LoadRequest[] {
  const questions = loadEvalSet().map((item) => item.q);
  let sent = 0;
  return [
    {
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({ message: `${questions[sent % questions.length]} (${++sent})` }),
      }),
    },
  ];
}

async function load(
  url: string,
  name: string,
  seconds: number,
  connections = 10,
  requests?: LoadRequest[],
): Promise<HttpFigures> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: QUESTION,
    connections,
    duration: seconds,
    ...(requests ? { requests } : {}),
  });
  return {
    name,
    rps: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export async function benchHttpPath(seconds = 5): Promise<HttpFigures[]> {
  const local = await startLocalServer({ port: 0, logLevel: 'SILENT' });
  const fixed = JSON.stringify({ text: 'ok' });
  const bare = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(fixed);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  try {
    const chat = await load(`${local.url}/api/chat`, 'POST /api/chat (local server), 10 clients', seconds);
    const baseline = await load(
      `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`,
      'bare Node HTTP server, 10 clients',
      seconds,
    );
    const crowd = await load(`${local.url}/api/chat`, 'POST /api/chat (local server), 50 clients', seconds, 50);
    const fresh = await load(
      `${local.url}/api/chat`,
      'POST /api/chat, a question never asked before each time, 10 clients',
      seconds,
      10,
      newQuestionEachTime(),
    );
    return [chat, baseline, crowd, fresh];
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await local.close();
  }
}

/** esbuild's define for a bundle, as infra/constructs/assistant-function.ts sets it: the code the index comes from. */
export const BUNDLE_DEFINE = { KB_INDEX_CORE: JSON.stringify(coreFingerprint() ?? '') };

/**
 * kb.json, the word list and the prebuilt index beside a bundle, as AssistantFunction ships them to /var/task; the
 * index written from this kb.json by this code (what `kb:build` writes), so a stale knowledge/build/kb-index.json
 * cannot turn the measurement into one of building the index. Returns KB_PATH and the sizes.
 */
export function shipKnowledge(outdir: URL): { kbPath: string; kbBytes: number; indexBytes: number } {
  const kbText = readFileSync(new URL('knowledge/build/kb.json', root), 'utf8');
  writeFileSync(new URL('kb.json', outdir), kbText);
  for (const list of ['english-words.txt', 'non-noun-words.txt'])
    copyFileSync(new URL(`knowledge/build/${list}`, root), new URL(list, outdir));
  const index = prebuiltIndexText(kbText, parseKnowledgeBase(JSON.parse(kbText)));
  writeFileSync(new URL(INDEX_FILE, outdir), index);
  return { kbPath: new URL('kb.json', outdir).pathname, kbBytes: Buffer.byteLength(kbText), indexBytes: index.length };
}

export interface ColdStart {
  bundleBytes: number;
  bundleGzipBytes: number;
  kbBytes: number;
  indexBytes: number;
  runs: { importMs: number; firstAnswerMs: number; status: number }[];
  /** The same, interleaved with `runs`, with no kb-index.json beside kb.json: the index built at start, as before it. */
  builtIndexRuns: { importMs: number; firstAnswerMs: number; status: number }[];
}

export async function benchColdStart(runs = 5): Promise<ColdStart> {
  const outdir = new URL('dist/lambda/web-chat/', root);
  mkdirSync(outdir, { recursive: true });
  const bundle = new URL('index.mjs', outdir);
  await build({
    entryPoints: [new URL('functions/channels/web-chat/index.ts', root).pathname],
    outfile: bundle.pathname,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    external: ['@aws-sdk/*'], // the Node.js 22 Lambda runtime provides the AWS SDK v3
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    define: BUNDLE_DEFINE,
    legalComments: 'none',
  });
  const shipped = shipKnowledge(outdir);
  const dynamo = await startLocalDynamo();
  await ensureUnansweredTable(dynamo.client, 'unanswered');
  const probe = `
    const t0 = performance.now();
    const { handler } = await import(${JSON.stringify(bundle.href)});
    const t1 = performance.now();
    const event = { version: '2.0', rawPath: '/api/chat', headers: { 'content-type': 'application/json' },
      body: ${JSON.stringify(QUESTION)}, isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/api/chat' }, requestId: 'cold' } };
    const result = await handler(event, {});
    const t2 = performance.now();
        console.log(JSON.stringify({ importMs: t1 - t0, firstAnswerMs: t2 - t1, status: result.statusCode }));
    process.exit(0);`;
  const env = {
    ...process.env,
    UNANSWERED_TABLE: 'unanswered',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    KB_PATH: shipped.kbPath,
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    NODE_NO_WARNINGS: '1',
  };
  // kb.json and the word list alone, for the comparison: the loader builds the index (and says so on stderr).
  const bare = new URL('../web-chat-built-index/', outdir);
  mkdirSync(bare, { recursive: true });
  copyFileSync(shipped.kbPath, new URL('kb.json', bare));
  for (const list of ['english-words.txt', 'non-noun-words.txt'])
    copyFileSync(new URL(list, outdir), new URL(list, bare));
  const cold = async (kbPath: string, expectPrebuilt: boolean) => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe], {
      env: { ...env, KB_PATH: kbPath },
      timeout: 30_000,
    });
    // A fallback to building the index (no usable kb-index.json) says so on stderr: show it beside the figures.
    if (expectPrebuilt && stderr.trim()) console.log(`  cold run stderr: ${stderr.trim()}`);
    return JSON.parse(stdout.trim()) as ColdStart['runs'][number];
  };
  try {
    // One at a time, and asynchronously: dynalite answers the child's DynamoDB calls from this process. The two
    // kinds alternate, so a machine busier at one moment than another weighs on both alike.
    const measured: ColdStart['runs'] = [];
    const builtIndexRuns: ColdStart['runs'] = [];
    for (let i = 0; i < runs; i++) {
      measured.push(await cold(shipped.kbPath, true));
      builtIndexRuns.push(await cold(new URL('kb.json', bare).pathname, false));
    }
    const code = readFileSync(bundle);
    return {
      bundleBytes: code.length,
      bundleGzipBytes: gzipSync(code).length,
      kbBytes: shipped.kbBytes,
      indexBytes: shipped.indexBytes,
      runs: measured,
      builtIndexRuns,
    };
  } finally {
    await dynamo.close();
  }
}
