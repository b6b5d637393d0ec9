/**
 * The Lambda functions, each bundled by esbuild from its entry in functions/channels (minified, source maps, ESM,
 * only what it imports; the AWS SDK comes from the runtime), Node.js 22 on ARM64, X-Ray tracing, a log group with
 * retention, and least privilege: each gets exactly the tables and functions it uses.
 */
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Data } from './data.ts';

const root = new URL('../../', import.meta.url).pathname;
const KB = `${root}knowledge/build/kb.json`;

export class Functions extends Construct {
  readonly chat: NodejsFunction;
  readonly sarIntake: NodejsFunction;

  constructor(scope: Construct, id: string, props: { data: Data; allowedOrigins: string[] }) {
    super(scope, id);
    const { data } = props;
    // Failed asynchronous invocations (none are expected: these are invoked synchronously) land here, not nowhere.
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: data.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const dlqReason =
      'This queue is itself the functions’ dead-letter queue; a dead-letter queue for it would only move the problem.';
    Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: dlqReason });
    Validations.of(deadLetters).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason: dlqReason });

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
          NODE_OPTIONS: '--enable-source-maps',
          KB_PATH: '/var/task/kb.json',
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
            // The knowledge base ships beside the code, built by `npm run kb:build` before synth.
            afterBundling: (_input: string, output: string) => [`cp ${KB} ${output}/kb.json`],
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
      return fn;
    };
    /** A table grant covers the table's own indexes (table/index/*), nothing else. */
    const indexesOf = (fn: NodejsFunction, ...tables: TableV2[]) => {
      for (const table of tables) {
        const logicalId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnElement);
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
          reason:
            'Queries need the table’s own global secondary indexes; the grant is limited to this table’s indexes.',
        });
      }
    };

    this.sarIntake = make('SarIntake', 'sar-intake/index.ts', {
      description: 'SAR intake: the only writer of SAR cases',
      environment: { SAR_TABLE: data.sarCases.tableName, MAIL_TABLE: data.mail.tableName },
    });
    data.sarCases.grantReadWriteData(this.sarIntake);
    data.mail.grantReadWriteData(this.sarIntake);
    indexesOf(this.sarIntake, data.sarCases, data.mail);

    this.chat = make('Chat', 'web-chat/index.ts', {
      description: 'Web chat: POST /api/chat and the SAR hand-off',
      environment: {
        SESSIONS_TABLE: data.sessions.tableName,
        UNANSWERED_TABLE: data.unanswered.tableName,
        SAR_INTAKE_FUNCTION: this.sarIntake.functionName,
        ALLOWED_ORIGINS: props.allowedOrigins.join(','),
      },
    });
    data.sessions.grantReadWriteData(this.chat);
    data.unanswered.grantReadWriteData(this.chat);
    this.sarIntake.grantInvoke(this.chat);
    Validations.of(this.chat.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.sarIntake.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: 'Invoking the SAR intake function’s versions and aliases; no other function.',
    });
  }
}
