/**
 * One of the assistant's Lambda functions, in the style of Powertools' FunctionWithLogGroup: a NodejsFunction
 * bundled by esbuild from its entry in functions/channels (minified, source maps, ESM, only what it imports; the
 * AWS SDK comes from the runtime), Node.js 22 on ARM64, X-Ray tracing, its own log group with retention, a
 * dead-letter queue, and the knowledge base beside the code. What it may touch is said by chained calls, each
 * granting exactly that and acknowledging the cdk-nag findings the grant brings:
 *
 *   new AssistantFunction(this, 'SarIntake', { … }).grantTables('readWrite', data.sarCases).sendsMail(mail, …)
 */
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { coreFingerprint } from '#adapters/knowledge-file.ts';
import { ENV, secretArnVariable, type EnvName } from '#shared/env.ts';
import { hasIndexes } from './data.ts';
import type { Mail } from './mail.ts';

const root = new URL('../../', import.meta.url).pathname;
const KB = `${root}knowledge/build/kb.json`;
const ENGLISH_WORDS = `${root}knowledge/build/english-words.txt`;
const NON_NOUNS = `${root}knowledge/build/non-noun-words.txt`;
const KB_INDEX = `${root}knowledge/build/kb-index.json`;
const AUDIT = `${root}knowledge/build/audit.json`;

/** A function's environment: only the names shared/env.ts knows, so infra and the entries cannot drift apart. */
export type FunctionEnvironment = Partial<Record<EnvName, string>>;

export interface AssistantFunctionProps {
  /** The entry under functions/channels, e.g. 'sar-intake/index.ts'. */
  entry: string;
  /** The exported handler (default 'handler'). */
  handler?: string;
  description: string;
  environment?: FunctionEnvironment;
  /** Failed asynchronous invocations (the scheduled functions) land here. */
  deadLetterQueue: IQueue;
  timeout?: Duration;
  reservedConcurrentExecutions?: number;
  /**
   * Ships the notice audit kb:build wrote (knowledge/build/audit.json) beside the code, at AUDIT_PATH, for a function
   * that reads it with shared/audit-report.ts (the DPO's digest) instead of importing knowledge/.
   */
  shipsAudit?: boolean;
}

export class AssistantFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AssistantFunctionProps) {
    const { entry, environment, shipsAudit, ...rest } = props;
    super(scope, id, {
      entry: `${root}functions/channels/${entry}`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      // Beside the function in its parent (`<id>Logs`), made before it, as the template has always had it.
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      ...rest,
      environment: {
        [ENV.NODE_OPTIONS]: '--enable-source-maps',
        [ENV.KB_PATH]: '/var/task/kb.json',
        ...(shipsAudit ? { [ENV.AUDIT_PATH]: '/var/task/audit.json' } : {}),
        ...environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        format: OutputFormat.ESM,
        target: 'node22',
        externalModules: ['@aws-sdk/*'],
        // Some dependencies are CommonJS: give them `require` inside the ESM bundle.
        banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
        // Which code the bundle indexes with, so kb-index.json from other code is rebuilt, not trusted.
        define: { KB_INDEX_CORE: JSON.stringify(coreFingerprint() ?? '') },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // The knowledge base, its prebuilt index and the word lists ship beside the code, built by
          // `npm run kb:build` before synth (the index and the word lists are read next to KB_PATH).
          afterBundling: (_input: string, output: string) => [
            `cp ${KB} ${output}/kb.json`,
            `cp ${KB_INDEX} ${output}/kb-index.json`,
            `cp ${ENGLISH_WORDS} ${output}/english-words.txt`,
            `cp ${NON_NOUNS} ${output}/non-noun-words.txt`,
            ...(shipsAudit ? [`cp ${AUDIT} ${output}/audit.json`] : []),
          ],
        },
      },
    });
    this.acknowledgeBaseline();
  }

  /** Reads (or reads and writes) these tables; a grant covers each table's own indexes (table/index/*), no other. */
  grantTables(access: 'read' | 'readWrite', ...tables: TableV2[]): this {
    for (const table of tables) {
      if (access === 'read') table.grantReadData(this);
      else table.grantReadWriteData(this);
    }
    for (const table of tables.filter(hasIndexes))
      this.acknowledgeRole(
        `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(table)}.Arn>/index/*]`,
        'Queries need the table’s own global secondary indexes; the grant is limited to this table’s indexes.',
      );
    return this;
  }

  /** `<NAME>_SECRET_ARN` for each: the function reads the secret once per container, and may read that secret only. */
  readsSecrets(secretsByName: Partial<Record<EnvName, Secret>>): this {
    for (const [name, secret] of Object.entries(secretsByName) as [EnvName, Secret | undefined][]) {
      if (!secret) continue;
      this.addEnvironment(secretArnVariable(name), secret.secretArn);
      secret.grantRead(this);
    }
    return this;
  }

  /** Sends mail: the mail environment, the right to send from the stage's identity, and the SMTP password if any. */
  sendsMail(mail: Mail, smtpPassword: Secret | undefined): this {
    for (const [name, value] of Object.entries(mail.environment)) this.addEnvironment(name, value);
    mail.grantSend(this);
    return this.readsSecrets({ [ENV.SMTP_PASS]: smtpPassword });
  }

  /** May invoke `target` (Lambda Invoke, as the SAR hand-off does), its versions and aliases, and no other function. */
  invokes(target: NodejsFunction): this {
    target.grantInvoke(this);
    this.acknowledgeRole(
      `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(target)}.Arn>:*]`,
      `Invoking the ${target.node.id} function’s versions and aliases; no other function.`,
    );
    return this;
  }

  /** What every function's role and runtime bring, reviewed once. */
  private acknowledgeBaseline(): void {
    this.acknowledgeRole(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole allows only creating log streams and putting log events, which every function needs.',
    );
    this.acknowledgeRole(
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords do not support resource-level permissions.',
    );
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
      this.acknowledgeRole(
        `AwsSolutions-IAM5[Action::${action}]`,
        'KMS data-key actions from the table grants, on the one customer-managed key of these tables only.',
      );
    for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'])
      Validations.of(this).acknowledge({
        id,
        reason: 'Node.js 22 LTS is pinned on purpose: the code and tests target it; move to 24 once CI runs on it.',
      });
  }

  private acknowledgeRole(id: string, reason: string): void {
    Validations.of(this.role!).acknowledge({ id, reason });
  }

  private logicalIdOf(construct: Construct): string {
    return Stack.of(this).getLogicalId(construct.node.defaultChild as CfnElement);
  }
}
