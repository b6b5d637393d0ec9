/**
 * Outgoing mail (SAR acknowledgements, escalations, the DPO digest) through Amazon SES: a domain identity with
 * Easy DKIM for each council's sending domain, and a configuration set that requires TLS and suppresses
 * addresses that bounce or complain. The recipients (DPO and information-governance mailboxes) come from
 * knowledge/councils.yaml, which the functions read.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { ENV } from '#shared/env.ts';
import type { FunctionEnvironment } from './assistant-function.ts';
import type { StageConfig } from '../config/config.ts';

export class Mail extends Construct {
  readonly identities = new Map<string, EmailIdentity>();
  readonly configurationSet: ConfigurationSet;
  /** The environment every function that sends mail gets. */
  readonly environment: FunctionEnvironment;
  private readonly from?: EmailIdentity;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    for (const council of config.councils) {
      if (!council.sendingDomain) continue;
      this.identities.set(
        council.sendingDomain.toLowerCase(),
        new EmailIdentity(this, `Identity-${council.id}`, {
          identity: Identity.domain(council.sendingDomain),
          configurationSet: this.configurationSet,
        }),
      );
    }
    const mail = config.mail;
    if (mail.transport === 'ses') {
      this.from = this.identities.get(mail.from.split('@')[1]!.toLowerCase());
      this.environment = {
        [ENV.MAIL_TRANSPORT]: 'ses',
        [ENV.MAIL_FROM]: mail.from,
        [ENV.SES_IDENTITY_ARN]: this.from!.emailIdentityArn,
        [ENV.SES_CONFIGURATION_SET]: this.configurationSet.configurationSetName,
      };
    } else if (mail.transport === 'smtp') {
      this.environment = {
        [ENV.MAIL_TRANSPORT]: 'smtp',
        [ENV.MAIL_FROM]: mail.from,
        [ENV.SMTP_HOST]: mail.host,
        [ENV.SMTP_PORT]: String(mail.port),
        [ENV.SMTP_USER]: mail.user,
      };
    } else this.environment = { [ENV.MAIL_TRANSPORT]: 'none' };
  }

  /** Sending from the configured address only: its identity and the configuration set, nothing else. */
  grantSend(grantee: IGrantable) {
    if (!this.from) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          this.from.emailIdentityArn,
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
  }
}
