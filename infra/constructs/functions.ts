/**
 * The Lambda functions (each an AssistantFunction: see assistant-function.ts for what every one of them gets), with
 * least privilege: each gets exactly the tables, secrets and functions it uses, and the environment to find them.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '#shared/env.ts';
import type { StageConfig } from '../config/config.ts';
import { AssistantFunction, type AssistantFunctionProps } from './assistant-function.ts';
import type { Data } from './data.ts';
import type { Mail } from './mail.ts';
import type { Secrets } from './secrets.ts';

export interface FunctionsProps {
  config: StageConfig;
  data: Data;
  secrets: Secrets;
  mail: Mail;
  /** The public origin (the CloudFront distribution): its demo page calls the API, and the digest links there. */
  siteOrigin: string;
}

export class Functions extends Construct {
  readonly chat: AssistantFunction;
  readonly sarIntake: AssistantFunction;
  readonly escalation: AssistantFunction;
  readonly mailRetry: AssistantFunction;
  readonly digest: AssistantFunction;
  readonly reminders: AssistantFunction;
  readonly teams?: AssistantFunction;
  readonly deadLetters: Queue;
  /** Every function, for alarms. */
  readonly all: AssistantFunction[] = [];

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { data, secrets, mail, config } = props;
    this.deadLetters = this.deadLetterQueue(data);
    // The councils' pages, and the distribution's own demo page (a browser sends Origin on a same-origin POST too).
    const origins = [...config.councils.flatMap((c) => c.origins), props.siteOrigin].join(',');
    const { sarIntakeConcurrency, chatConcurrency } = config.limits;

    this.sarIntake = this.add('SarIntake', 'sar-intake/index.ts', {
      description: 'SAR intake: the only writer of SAR cases',
      environment: { [ENV.SAR_TABLE]: data.sarCases.tableName, [ENV.MAIL_TABLE]: data.mail.tableName },
      ...(sarIntakeConcurrency ? { reservedConcurrentExecutions: sarIntakeConcurrency } : {}),
    })
      .grantTables('readWrite', data.sarCases, data.mail)
      .sendsMail(mail, secrets.smtpPassword);

    this.chat = this.add('Chat', 'web-chat/index.ts', {
      description: 'Web chat: POST /api/chat and the SAR hand-off',
      environment: {
        [ENV.UNANSWERED_TABLE]: data.unanswered.tableName,
        [ENV.SAR_INTAKE_FUNCTION]: this.sarIntake.functionName,
        [ENV.ALLOWED_ORIGINS]: origins,
      },
      ...(chatConcurrency ? { reservedConcurrentExecutions: chatConcurrency } : {}),
    })
      .grantTables('readWrite', data.unanswered)
      .invokes(this.sarIntake)
      .readsSecrets({ [ENV.ORIGIN_VERIFY]: secrets.originVerify });

    [this.escalation, this.mailRetry, this.digest] = this.escalationFunctions(props, origins);
    this.reminders = this.reminderFunction(props);
    if (config.teams) this.teams = this.teamsFunction(props, config.teams);
  }

  /** Failed asynchronous invocations (the scheduled functions) land here, not nowhere; an alarm watches it. */
  private deadLetterQueue(data: Data): Queue {
    const queue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: data.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const reason =
      'This queue is itself the functions’ dead-letter queue; a dead-letter queue for it would only move the problem.';
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
    Validations.of(queue).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason });
    return queue;
  }

  private add(id: string, entry: string, props: Omit<AssistantFunctionProps, 'entry' | 'deadLetterQueue'>) {
    const fn = new AssistantFunction(this, id, { ...props, entry, deadLetterQueue: this.deadLetters });
    this.all.push(fn);
    return fn;
  }

  /**
   * The escalation channel's three functions, one entry each (functions/channels/escalation/): the HTTP routes, the
   * mail retry and the digest, each with only the variables, tables and secrets it uses; only the digest ships the
   * notice audit.
   */
  private escalationFunctions(
    props: FunctionsProps,
    origins: string,
  ): [AssistantFunction, AssistantFunction, AssistantFunction] {
    const { data, secrets, mail } = props;
    const escalation = this.add('Escalation', 'escalation/http.ts', {
      description: 'Escalation to the DPO: POST /api/escalate, /api/complaints/acknowledge',
      environment: {
        [ENV.ESCALATION_TABLE]: data.escalations.tableName,
        [ENV.MAIL_TABLE]: data.mail.tableName,
        [ENV.ALLOWED_ORIGINS]: origins,
      },
    })
      .grantTables('readWrite', data.escalations, data.mail)
      .readsSecrets({ [ENV.ACK_LINK_SECRET]: secrets.ackLink, [ENV.ORIGIN_VERIFY]: secrets.originVerify })
      .sendsMail(mail, secrets.smtpPassword);

    const mailRetry = this.add('MailRetry', 'escalation/mail-retry.ts', {
      description: 'Scheduled: sends every queued mail that is due (escalations, SAR notices, digests)',
      timeout: Duration.minutes(2),
      // The SAR intake queues the mail of cases made while the queue failed; the retry only asks it to.
      environment: { [ENV.MAIL_TABLE]: data.mail.tableName, [ENV.SAR_INTAKE_FUNCTION]: this.sarIntake.functionName },
    })
      .grantTables('readWrite', data.mail)
      .invokes(this.sarIntake)
      .sendsMail(mail, secrets.smtpPassword);

    // The digest also runs kb:check's check of the published notices (the one function that bundles the build
    // pipeline); its two minutes hold the check's 60 s for fetching pages (published-check.ts) and the mail.
    const digest = this.add('Digest', 'escalation/weekly-digest.ts', {
      description: 'Scheduled weekly: the DPO digest per council',
      timeout: Duration.minutes(2),
      shipsAudit: true,
      environment: {
        [ENV.ESCALATION_TABLE]: data.escalations.tableName,
        [ENV.MAIL_TABLE]: data.mail.tableName,
        [ENV.UNANSWERED_TABLE]: data.unanswered.tableName,
        [ENV.ACK_LINK_BASE]: `${props.siteOrigin}/api/complaints/acknowledge`,
      },
    })
      .grantTables('read', data.unanswered, data.escalations)
      .grantTables('readWrite', data.mail)
      .readsSecrets({ [ENV.ACK_LINK_SECRET]: secrets.ackLink })
      .sendsMail(mail, secrets.smtpPassword);
    return [escalation, mailRetry, digest];
  }

  /** What the reminders and the Teams bot both need to reach Teams. */
  private static teamsEnvironment({ data }: FunctionsProps, teams: NonNullable<StageConfig['teams']>) {
    return {
      [ENV.MICROSOFT_APP_ID]: teams.appId,
      [ENV.MICROSOFT_APP_TENANT_ID]: teams.tenantId,
      [ENV.TEAMS_CHANNEL_TABLE]: data.teamsChannels.tableName,
    };
  }

  private reminderFunction(props: FunctionsProps): AssistantFunction {
    const { data, secrets, config } = props;
    const reminders = this.add('Reminders', 'reminders/index.ts', {
      description: 'Scheduled daily: SAR cases due soon and overdue, per council (to Teams when configured)',
      timeout: Duration.minutes(1),
      environment: {
        [ENV.SAR_TABLE]: data.sarCases.tableName,
        ...(config.teams ? Functions.teamsEnvironment(props, config.teams) : {}),
      },
    }).grantTables('read', data.sarCases);
    if (config.teams)
      reminders
        .grantTables('read', data.teamsChannels)
        .readsSecrets({ [ENV.MICROSOFT_APP_PASSWORD]: secrets.botPassword });
    return reminders;
  }

  private teamsFunction(props: FunctionsProps, teams: NonNullable<StageConfig['teams']>): AssistantFunction {
    const { data, secrets, mail } = props;
    return this.add('Teams', 'teams/index.ts', {
      description: 'Microsoft Teams bot for council staff: POST /api/messages',
      // Bot Framework token validation fetches signing keys on a cold start.
      timeout: Duration.seconds(15),
      environment: {
        ...Functions.teamsEnvironment(props, teams),
        [ENV.TEAMS_ALLOWED_TENANTS]: [teams.tenantId, ...teams.allowedTenants].join(','),
        [ENV.TEAMS_IG_STAFF]: teams.igStaff.join(','),
        [ENV.TEAMS_COUNCIL]: teams.council,
        [ENV.ESCALATION_TABLE]: data.escalations.tableName,
        [ENV.MAIL_TABLE]: data.mail.tableName,
        [ENV.SAR_INTAKE_FUNCTION]: this.sarIntake.functionName,
      },
    })
      .grantTables('readWrite', data.teamsChannels, data.escalations, data.mail)
      .invokes(this.sarIntake)
      .readsSecrets({ [ENV.MICROSOFT_APP_PASSWORD]: secrets.botPassword, [ENV.ORIGIN_VERIFY]: secrets.originVerify })
      .sendsMail(mail, secrets.smtpPassword);
  }
}
