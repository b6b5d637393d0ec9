import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '#core/knowledge-schema.ts';
import { DynamoMailQueue } from '#adapters/dynamodb-mail-queue.ts';
import { ESCALATIONS_KEY_SCHEMA } from '#adapters/dynamodb-escalation-store.ts';
import type { AssistantFunction } from '../../infra/constructs/assistant-function.ts';
import { ensureMailQueueTable, ensureUnansweredTable, startLocalDynamo } from '../../functions/local/dynalite.ts';
import { ensureTable } from '../../functions/local/tables.ts';
import type { NoticeFile } from '../../knowledge/pipeline/notice-file.ts';
import { loadSources } from '../../knowledge/sources.ts';
import { asWebPage } from '../knowledge/web-page.ts';
import { synthStage } from './stage.ts';

const webPageOf = (file: NoticeFile) => asWebPage(file.body, file.meta.title);

const execFileAsync = promisify(execFile);

const root = fileURLToPath(new URL('../../', import.meta.url));
const { stack, template } = synthStage();
const { functions, data, secrets } = stack;
const logicalId = (construct: Construct) => stack.getLogicalId(construct.node.defaultChild as never);

type Statement = { Action: string | string[]; Resource: unknown };
/** What a function's role may do, per resource logical id: the actions granted on it. */
function grantsOf(fn: { role?: Construct }): Map<string, Set<string>> {
  const role = logicalId(fn.role!);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } };
  }[];
  const grants = new Map<string, Set<string>>();
  for (const policy of policies.filter((p) => p.Properties.Roles.some((r) => r.Ref === role)))
    for (const statement of policy.Properties.PolicyDocument.Statement)
      for (const [, id] of JSON.stringify(statement.Resource).matchAll(/"(?:Ref|Fn::GetAtt)":\[?"([A-Za-z0-9]+)/g))
        for (const action of [statement.Action].flat()) grants.set(id!, (grants.get(id!) ?? new Set()).add(action));
  return grants;
}

describe('infra: functions', () => {
  it('runs every function on Node.js 22, ARM64, with X-Ray, a dead-letter queue, the KB path and a log group', () => {
    const all = template.findResources('AWS::Lambda::Function') as Record<string, { Properties: object }>;
    expect(functions.all).toHaveLength(7); // chat, SAR intake, escalation, mail retry, digest, reminders, Teams
    const ours = functions.all.map((fn) => all[logicalId(fn)]!);
    for (const { Properties } of ours)
      expect(Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        DeadLetterConfig: { TargetArn: expect.anything() },
        MemorySize: expect.any(Number),
        Timeout: expect.any(Number),
        LoggingConfig: { LogGroup: expect.anything() },
        Environment: { Variables: { KB_PATH: '/var/task/kb.json' } },
      });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('reserves concurrency for the public chat and the SAR intake from the config', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Web chat: POST /api/chat and the SAR hand-off',
      ReservedConcurrentExecutions: 50,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'SAR intake: the only writer of SAR cases',
      ReservedConcurrentExecutions: 10,
    });
  });

  it('least privilege: each function may use exactly its own tables, secrets and functions', () => {
    const WRITE = 'dynamodb:PutItem';
    const READ = 'dynamodb:Query';
    const tables = {
      sarCases: data.sarCases,
      mail: data.mail,
      escalations: data.escalations,
      unanswered: data.unanswered,
      teamsChannels: data.teamsChannels,
    };
    const expected: Record<string, { writes: string[]; reads?: string[]; secrets: Construct[]; invokes?: boolean }> = {
      chat: { writes: ['unanswered'], secrets: [secrets.originVerify], invokes: true },
      sarIntake: { writes: ['sarCases', 'mail'], secrets: [] },
      escalation: { writes: ['escalations', 'mail'], secrets: [secrets.ackLink, secrets.originVerify] },
      // The retry asks the SAR intake to queue mail owed by cases made while the queue failed (issue 12, finding 5);
      // with its own entry it no longer reads the acknowledge-link key it never used (issue 16).
      mailRetry: { writes: ['mail'], secrets: [], invokes: true },
      digest: { writes: ['mail'], reads: ['unanswered', 'escalations'], secrets: [secrets.ackLink] },
      reminders: { writes: [], reads: ['sarCases', 'teamsChannels'], secrets: [secrets.botPassword!] },
      teams: {
        writes: ['teamsChannels', 'escalations', 'mail'],
        secrets: [secrets.botPassword!, secrets.originVerify],
        invokes: true,
      },
    };
    const allSecrets = [secrets.ackLink, secrets.originVerify, secrets.botPassword!];
    for (const [name, want] of Object.entries(expected)) {
      const grants = grantsOf(functions[name as keyof typeof functions] as { role?: Construct });
      for (const [table, construct] of Object.entries(tables)) {
        const actions = grants.get(logicalId(construct)) ?? new Set();
        const context = `${name} on ${table}`;
        expect(actions.has(WRITE), context).toBe(want.writes.includes(table));
        expect(actions.has(READ), context).toBe(want.writes.includes(table) || Boolean(want.reads?.includes(table)));
      }
      for (const secret of allSecrets)
        expect(grants.get(logicalId(secret))?.has('secretsmanager:GetSecretValue') ?? false, name).toBe(
          want.secrets.includes(secret),
        );
      expect(grants.get(logicalId(functions.sarIntake))?.has('lambda:InvokeFunction') ?? false, name).toBe(
        Boolean(want.invokes),
      );
    }
  });

  const environmentOf = (fn: Construct) =>
    (template.findResources('AWS::Lambda::Function')[logicalId(fn)] as { Properties: { Environment: object } })
      .Properties.Environment as { Variables: Record<string, unknown> };

  it('lets the councils’ pages and the distribution’s own demo page call the API, and links the digest there', () => {
    for (const fn of [functions.chat, functions.escalation]) {
      const origins = JSON.stringify(environmentOf(fn).Variables.ALLOWED_ORIGINS);
      expect(origins).toContain('https://www.southend.gov.uk,https://www.kent.gov.uk,https://');
      expect(origins).toContain(logicalId(stack.site.distribution));
    }
    expect(JSON.stringify(environmentOf(functions.digest).Variables.ACK_LINK_BASE)).toMatch(
      new RegExp(`${logicalId(stack.site.distribution)}.*/api/complaints/acknowledge`),
    );
  });

  it('tells each function where its secrets are, never their values', () => {
    const variables = environmentOf(functions.chat).Variables;
    expect(variables).toHaveProperty('ORIGIN_VERIFY_SECRET_ARN', { Ref: logicalId(secrets.originVerify) });
    expect(variables).not.toHaveProperty('ORIGIN_VERIFY');
    expect(JSON.stringify(template.toJSON())).not.toMatch(/MICROSOFT_APP_PASSWORD"|ACK_LINK_SECRET"/);
  });
});

describe('infra: function bundles', () => {
  // The full `cdk synth` (esbuild included), once for both tests.
  let full: ReturnType<typeof synthStage> | undefined;
  const bundled = () => (full ??= synthStage({ bundling: true }));

  it('bundles each function with esbuild as a minified ESM module with its source map and the knowledge base', () => {
    const { app } = bundled();
    const assets = readdirSync(app.outdir).filter(
      (d) => d.startsWith('asset.') && existsSync(join(app.outdir, d, 'index.mjs')),
    );
    expect(assets.length).toBeGreaterThanOrEqual(7); // one bundle per function
    for (const asset of assets) {
      const dir = join(app.outdir, asset);
      // Only the digest's bundle ships the notice audit (checked per function below).
      expect(
        readdirSync(dir)
          .filter((f) => f !== 'audit.json')
          .sort(),
      ).toEqual(['english-words.txt', 'index.mjs', 'index.mjs.map', 'kb-index.json', 'kb.json', 'non-noun-words.txt']);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000); // minified: long lines
      expect(code).not.toMatch(/from"@aws-sdk\/client-dynamodb\/dist-es/); // the SDK comes from the runtime
    }
  }, 120_000);

  /** A function's bundle copied beside the repository's node_modules, and the environment infra gives it. */
  function deployed(fn: AssistantFunction, name = fn.node.id) {
    const { app, stack: synthesized, template: bundledTemplate } = bundled();
    const { Handler, Code, Environment } = bundledTemplate.findResources('AWS::Lambda::Function')[
      synthesized.getLogicalId(fn.node.defaultChild as never)
    ]!.Properties as {
      Handler: string;
      Code: { S3Key: string };
      Environment: { Variables: Record<string, unknown> };
    };
    // Beside the repository's node_modules, which stand in for the AWS SDK the runtime provides.
    const dir = join(root, 'test-artifacts', 'lambda', name);
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(app.outdir, `asset.${Code.S3Key.replace(/\.zip$/, '')}`), dir, { recursive: true });
    const env: Record<string, string> = { PATH: process.env.PATH!, AWS_REGION: 'eu-west-2' };
    for (const [variable, value] of Object.entries(Environment.Variables)) {
      env[variable] = resolveToken(value);
      // What the function would read from Secrets Manager at cold start (no AWS here).
      if (variable.endsWith('_SECRET_ARN')) env[variable.slice(0, -'_SECRET_ARN'.length)] = 'S'.repeat(48);
    }
    env.KB_PATH = join(dir, 'kb.json'); // /var/task/kb.json in Lambda
    if (env.AUDIT_PATH) env.AUDIT_PATH = join(dir, 'audit.json');
    return { dir, env, variables: Environment.Variables, exported: Handler.split('.')[1]! };
  }

  it('each function starts with exactly the environment infra gives it (a missing or misnamed variable fails)', () => {
    for (const fn of bundled().stack.functions.all) {
      const { dir, env, variables, exported } = deployed(fn);
      // The digest reads the audit kb:build wrote, shipped beside it; no bundle carries the audit rules themselves.
      expect(existsSync(join(dir, 'audit.json')), fn.node.id).toBe(fn.node.id === 'Digest');
      expect('AUDIT_PATH' in variables, fn.node.id).toBe(fn.node.id === 'Digest');
      expect(readFileSync(join(dir, 'index.mjs'), 'utf8'), fn.node.id).not.toContain(
        "Give the controller's contact details",
      );
      // Only the digest runs kb:check's check of the published notices, so only its bundle carries the pipeline, the
      // HTML parser and the PDF and Word readers; the chat, Teams, SAR and other functions keep their cold starts.
      const sources = (JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources;
      for (const part of [
        'knowledge/import/check.ts',
        'knowledge/pipeline/',
        'node_modules/linkedom/',
        'node_modules/unpdf/',
        'node_modules/mammoth/',
      ])
        expect(
          sources.some((f) => f.includes(part)),
          `${fn.node.id} bundles ${part}`,
        ).toBe(fn.node.id === 'Digest');
      expect(
        sources.filter((f) => f.includes('knowledge/audit/')),
        fn.node.id,
      ).toEqual([]);
      const started = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});` +
            `if (typeof m[${JSON.stringify(exported)}] !== 'function') throw new Error('no export ${exported}');`,
        ],
        { env, encoding: 'utf8', timeout: 30_000 },
      );
      expect(started.status, `${fn.node.id}: ${started.stderr}`).toBe(0);
      // A plain question loads no AWS SDK client: the chat imports them on first use only (cold start).
      if (fn.node.id === 'Chat')
        expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).not.toMatch(/(?:^|[;}\s])import[^()]*?from\s*"@aws-sdk\//);
    }
  }, 180_000);

  it('the digest’s bundle checks a council’s published notice as kb:check does and mails what would be answered differently', async () => {
    const { dir, env, exported } = deployed(bundled().stack.functions.digest, 'DigestRun');
    // The knowledge base it ships, its pasted Southend notices published on a loopback site (and no other address
    // kept, so nothing leaves this machine): one unchanged, one where adoption records are now kept 75 years.
    const kb = JSON.parse(readFileSync(env.KB_PATH!, 'utf8')) as KnowledgeBase;
    const { files } = loadSources();
    const pages: Record<string, string> = {
      '/connexions': webPageOf(files.find((f) => f.meta.id === 'southend-connexions')!),
      '/childrens-services': webPageOf(files.find((f) => f.meta.id === 'southend-childrens-services')!).replace(
        '100 years for adoption records',
        '75 years for adoption records',
      ),
    };
    const site = createServer((request, response) => void response.end(pages[request.url!] ?? ''));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    for (const notice of kb.notices) {
      delete notice.url;
      if (notice.id === 'southend-connexions') notice.url = `${address}/connexions`;
      if (notice.id === 'southend-childrens-services') notice.url = `${address}/childrens-services`;
    }
    writeFileSync(env.KB_PATH!, JSON.stringify(kb)); // its prebuilt index no longer fits: the bundle builds its own
    const dynamo = await startLocalDynamo();
    try {
      await ensureMailQueueTable(dynamo.client, env.MAIL_TABLE!);
      await ensureUnansweredTable(dynamo.client, env.UNANSWERED_TABLE!);
      await ensureTable(dynamo.client, env.ESCALATION_TABLE!, {
        partitionKey: 'pk',
        indexes: [ESCALATIONS_KEY_SCHEMA.openComplaints],
      });
      const run = await execFileAsync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});` +
            `console.log(JSON.stringify(await m[${JSON.stringify(exported)}]({})));`,
        ],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...env,
            DYNAMODB_ENDPOINT: dynamo.endpoint,
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
            MAIL_TRANSPORT: 'none', // queued, not sent: read from the mail table below
            POWERTOOLS_LOG_LEVEL: 'ERROR',
          },
        },
      );
      const results = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { council: string }[];
      expect(results.map((r) => r.council)).toContain('southend');
      const queued = await new DynamoMailQueue(dynamo.client, env.MAIL_TABLE!).due('9999-12-31T00:00:00Z', 50);
      const mail = queued.find((m) => m.mail.to === 'dataprotection@southend.gov.uk')!.mail.text;
      expect(mail).toMatch(
        /\n {2}southend-childrens-services: CHANGED since import — 1 fact\(s\) changed, 0 added, 0 removed;[^\n]*\n {4}~ retention of adoption records: 100 years → 75 years\n/,
      );
      expect(mail).toContain('  southend-connexions: the page changed, but no answer would change');
    } finally {
      await dynamo.close();
      await new Promise<void>((resolve) => site.close(() => resolve()));
    }
  }, 120_000);
});

/** A template value as the deployed function would see it: references become plausible names, ARNs and domains. */
function resolveToken(value: unknown): string {
  if (typeof value === 'string') return value;
  const token = value as Record<string, unknown>;
  if ('Ref' in token) return `ref-${String(token.Ref).toLowerCase()}`;
  if ('Fn::GetAtt' in token) {
    const [id, attribute] = token['Fn::GetAtt'] as [string, string];
    if (attribute === 'DomainName') return 'd111111abcdef8.cloudfront.net';
    return `arn:aws:lambda:eu-west-2:123456789012:function:${id.toLowerCase()}`;
  }
  if ('Fn::Join' in token) {
    const [separator, parts] = token['Fn::Join'] as [string, unknown[]];
    return parts.map(resolveToken).join(separator);
  }
  throw new Error(`Unexpected template value ${JSON.stringify(value)}`);
}
