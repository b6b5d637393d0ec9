/**
 * The Lambda functions, each bundled by esbuild from its entry in functions/channels (minified, source maps, ESM,
 * only what it imports; the AWS SDK comes from the runtime), Node.js 22 on ARM64, X-Ray tracing, a log group with
 * retention, and least privilege: each gets exactly the tables, secrets and functions it uses.
 */
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV, secretArnVariable, type EnvName } from '../../functions/shared/env.ts';
import type { StageConfig } from '../config/config.ts';
import type { Data } from './data.ts';
import type { Mail } from './mail.ts';
import type { Secrets } from './secrets.ts';

const root = new URL('../../', import.meta.url).pathname;
const KB = `${root}knowledge/build/kb.json`;
const ENGLISH_WORDS = `${root}knowledge/build/english-words.txt`;

export interface FunctionsProps {
  config: StageConfig;
  data: Data;
  secrets: Secrets;
  mail: Mail;
  /** The public origin (the CloudFront distribution): its demo page calls the API, and the digest links there. */
  siteOrigin: string;
}

export class Functions extends Construct {
  readonly chat: NodejsFunction;
  readonly sarIntake: NodejsFunction;
  readonly escalation: NodejsFunction;
  readonly mailRetry: NodejsFunction;
  readonly digest: NodejsFunction;
  readonly reminders: NodejsFunction;
  readonly teams?: NodejsFunction;
  readonly deadLetters: Queue;
  /** Every function, for alarms. */
  readonly all: NodejsFunction[] = [];

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { data, secrets, mail, config } = props;
    // Failed asynchronous invocations (the scheduled functions) land here, not nowhere; an alarm watches it.
    const deadLetters = (this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: data.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    }));
    const dlqReason =
      'This queue is itself the functions’ dead-letter queue; a dead-letter queue for it would only move the problem.';
    Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: dlqReason });
    Validations.of(deadLetters).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason: dlqReason });
    const logicalId = (construct: Construct) => Stack.of(this).getLogicalId(construct.node.defaultChild as CfnElement);

    const make = (name: string, entry: string, extra: Partial<NodejsFunctionProps>) => {
      const logGroup = new LogGroup(this, `${name}Logs`, {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const fn = new NodejsFunction(this, name, {
        entry: `${root}functions/channels/${entry}`,
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        timeout: Duration.seconds(10),
        tracing: Tracing.ACTIVE,
        logGroup,
        deadLetterQueue: deadLetters,
        ...extra,
        environment: {
          [ENV.NODE_OPTIONS]: '--enable-source-maps',
          [ENV.KB_PATH]: '/var/task/kb.json',
          ...extra.environment,
        },
        bundling: {
          minify: true,
          sourceMap: true,
          format: OutputFormat.ESM,
          target: 'node22',
          externalModules: ['@aws-sdk/*'],
          // Some dependencies are CommonJS: give them `require` inside the ESM bundle.
          banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            // The knowledge base and the spelling dictionary ship beside the code, built by `npm run kb:build`
            // before synth (the dictionary is read next to KB_PATH).
            afterBundling: (_input: string, output: string) => [
              `cp ${KB} ${output}/kb.json`,
              `cp ${ENGLISH_WORDS} ${output}/english-words.txt`,
            ],
          },
        },
      });
      const role = fn.role!;
      const acknowledge = (id: string, reason: string) => Validations.of(role).acknowledge({ id, reason });
      acknowledge(
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AWSLambdaBasicExecutionRole allows only creating log streams and putting log events, which every function needs.',
      );
      acknowledge(
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords do not support resource-level permissions.',
      );
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
        acknowledge(
          `AwsSolutions-IAM5[Action::${action}]`,
          'KMS data-key actions from the table grants, on the one customer-managed key of these tables only.',
        );
      for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'])
        Validations.of(fn).acknowledge({
          id,
          reason: 'Node.js 22 LTS is pinned on purpose: the code and tests target it; move to 24 once CI runs on it.',
        });
      this.all.push(fn);
      return fn;
    };
    /** A table grant covers the table's own indexes (table/index/*), nothing else. */
    const indexesOf = (fn: NodejsFunction, ...tables: TableV2[]) => {
      for (const table of tables)
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${logicalId(table)}.Arn>/index/*]`,
          reason:
            'Queries need the table’s own global secondary indexes; the grant is limited to this table’s indexes.',
        });
    };
    const invokes = (fn: NodejsFunction, target: NodejsFunction) => {
      target.grantInvoke(fn);
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId(target)}.Arn>:*]`,
        reason: 'Invoking the SAR intake function’s versions and aliases; no other function.',
      });
    };
    /** `<NAME>_SECRET_ARN`: the function reads the secret once per container; it may read that secret only. */
    const reads = (fn: NodejsFunction, secretsByName: Partial<Record<EnvName, Secret>>) => {
      for (const [name, secret] of Object.entries(secretsByName) as [EnvName, Secret | undefined][]) {
        if (!secret) continue;
        fn.addEnvironment(secretArnVariable(name), secret.secretArn);
        secret.grantRead(fn);
      }
    };
    const sends = (fn: NodejsFunction) => {
      for (const [name, value] of Object.entries(mail.environment)) fn.addEnvironment(name, value);
      mail.grantSend(fn);
      reads(fn, { [ENV.SMTP_PASS]: secrets.smtpPassword });
    };
    // The councils' pages, and the distribution's own demo page (a browser sends Origin on a same-origin POST too).
    const origins = [...config.councils.flatMap((c) => c.origins), props.siteOrigin].join(',');
    const teams = config.teams;
    const teamsEnvironment: Record<string, string> = teams
      ? {
          [ENV.MICROSOFT_APP_ID]: teams.appId,
          [ENV.MICROSOFT_APP_TENANT_ID]: teams.tenantId,
          [ENV.TEAMS_CHANNEL_TABLE]: data.teamsChannels.tableName,
        }
      : {};

    this.sarIntake = make('SarIntake', 'sar-intake/index.ts', {
      description: 'SAR intake: the only writer of SAR cases',
      environment: { [ENV.SAR_TABLE]: data.sarCases.tableName, [ENV.MAIL_TABLE]: data.mail.tableName },
      ...(config.limits.sarIntakeConcurrency
        ? { reservedConcurrentExecutions: config.limits.sarIntakeConcurrency }
        : {}),
    });
    data.sarCases.grantReadWriteData(this.sarIntake);
    data.mail.grantReadWriteData(this.sarIntake);
    indexesOf(this.sarIntake, data.sarCases, data.mail);
    sends(this.sarIntake);

    this.chat = make('Chat', 'web-chat/index.ts', {
      description: 'Web chat: POST /api/chat and the SAR hand-off',
      environment: {
        [ENV.UNANSWERED_TABLE]: data.unanswered.tableName,
        [ENV.SAR_INTAKE_FUNCTION]: this.sarIntake.functionName,
        [ENV.ALLOWED_ORIGINS]: origins,
      },
      ...(config.limits.chatConcurrency ? { reservedConcurrentExecutions: config.limits.chatConcurrency } : {}),
    });
    data.unanswered.grantReadWriteData(this.chat);
    invokes(this.chat, this.sarIntake);
    reads(this.chat, { [ENV.ORIGIN_VERIFY]: secrets.originVerify });

    // Three functions from one module (functions/channels/escalation/index.ts), each with its own grants.
    const escalationEnvironment = {
      [ENV.ESCALATION_TABLE]: data.escalations.tableName,
      [ENV.MAIL_TABLE]: data.mail.tableName,
      [ENV.UNANSWERED_TABLE]: data.unanswered.tableName,
      [ENV.ACK_LINK_BASE]: `${props.siteOrigin}/api/complaints/acknowledge`,
      [ENV.ALLOWED_ORIGINS]: origins,
    };
    this.escalation = make('Escalation', 'escalation/index.ts', {
      description: 'Escalation to the DPO: POST /api/escalate, /api/complaints/acknowledge',
      environment: escalationEnvironment,
    });
    data.escalations.grantReadWriteData(this.escalation);
    data.mail.grantReadWriteData(this.escalation);
    indexesOf(this.escalation, data.escalations, data.mail);
    reads(this.escalation, { [ENV.ACK_LINK_SECRET]: secrets.ackLink, [ENV.ORIGIN_VERIFY]: secrets.originVerify });
    sends(this.escalation);

    this.mailRetry = make('MailRetry', 'escalation/index.ts', {
      handler: 'retry',
      description: 'Scheduled: sends every queued mail that is due (escalations, SAR notices, digests)',
      timeout: Duration.minutes(2),
      // The SAR intake queues the mail of cases made while the queue failed; the retry only asks it to.
      environment: { ...escalationEnvironment, [ENV.SAR_INTAKE_FUNCTION]: this.sarIntake.functionName },
    });
    data.mail.grantReadWriteData(this.mailRetry);
    indexesOf(this.mailRetry, data.mail);
    invokes(this.mailRetry, this.sarIntake);
    // The module signs links at load; retry reads the secret because it shares the module, never uses it.
    reads(this.mailRetry, { [ENV.ACK_LINK_SECRET]: secrets.ackLink });
    sends(this.mailRetry);

    this.digest = make('Digest', 'escalation/index.ts', {
      handler: 'digest',
      description: 'Scheduled weekly: the DPO digest per council',
      timeout: Duration.minutes(2),
      environment: escalationEnvironment,
    });
    data.unanswered.grantReadData(this.digest);
    data.escalations.grantReadData(this.digest);
    data.mail.grantReadWriteData(this.digest);
    indexesOf(this.digest, data.escalations, data.mail);
    reads(this.digest, { [ENV.ACK_LINK_SECRET]: secrets.ackLink });
    sends(this.digest);

    this.reminders = make('Reminders', 'reminders/index.ts', {
      description: 'Scheduled daily: SAR cases due soon and overdue, per council (to Teams when configured)',
      timeout: Duration.minutes(1),
      environment: { [ENV.SAR_TABLE]: data.sarCases.tableName, ...teamsEnvironment },
    });
    data.sarCases.grantReadData(this.reminders);
    indexesOf(this.reminders, data.sarCases);
    if (teams) {
      data.teamsChannels.grantReadData(this.reminders);
      reads(this.reminders, { [ENV.MICROSOFT_APP_PASSWORD]: secrets.botPassword });
    }

    if (teams) {
      this.teams = make('Teams', 'teams/index.ts', {
        description: 'Microsoft Teams bot for council staff: POST /api/messages',
        // Bot Framework token validation fetches signing keys on a cold start.
        timeout: Duration.seconds(15),
        environment: {
          ...teamsEnvironment,
          [ENV.TEAMS_ALLOWED_TENANTS]: [teams.tenantId, ...teams.allowedTenants].join(','),
          [ENV.TEAMS_IG_STAFF]: teams.igStaff.join(','),
          [ENV.TEAMS_COUNCIL]: teams.council,
          [ENV.ESCALATION_TABLE]: data.escalations.tableName,
          [ENV.MAIL_TABLE]: data.mail.tableName,
          [ENV.SAR_INTAKE_FUNCTION]: this.sarIntake.functionName,
        },
      });
      data.teamsChannels.grantReadWriteData(this.teams);
      data.escalations.grantReadWriteData(this.teams);
      data.mail.grantReadWriteData(this.teams);
      indexesOf(this.teams, data.escalations, data.mail);
      invokes(this.teams, this.sarIntake);
      reads(this.teams, {
        [ENV.MICROSOFT_APP_PASSWORD]: secrets.botPassword,
        [ENV.ORIGIN_VERIFY]: secrets.originVerify,
      });
      sends(this.teams);
    }
  }
}
