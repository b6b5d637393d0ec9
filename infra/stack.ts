/**
 * One deployment of the assistant in its home region: a construct per concern. CloudFront is the only public
 * door (widget, demo page and API under one domain, AWS WAF in front); the API behind it refuses anything else.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/config.ts';
import { Alarms } from './constructs/alarms.ts';
import { Api } from './constructs/api.ts';
import { Data } from './constructs/data.ts';
import { Functions } from './constructs/functions.ts';
import { Mail } from './constructs/mail.ts';
import { Schedules } from './constructs/schedules.ts';
import { Secrets } from './constructs/secrets.ts';
import { WidgetHosting } from './constructs/widget-hosting.ts';

export interface AssistantStackProps extends StackProps {
  config: StageConfig;
  /** The CloudFront-scope AWS WAF web ACL (from the us-east-1 edge stack). */
  webAclArn: string;
}

export class PrivacyAssistantStack extends Stack {
  readonly data: Data;
  readonly secrets: Secrets;
  readonly mail: Mail;
  readonly site: WidgetHosting;
  readonly functions: Functions;
  readonly api: Api;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: AssistantStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.data = new Data(this, 'Data');
    this.secrets = new Secrets(this, 'Secrets', {
      key: this.data.key,
      teams: Boolean(config.teams),
      smtp: config.mail.transport === 'smtp',
    });
    this.mail = new Mail(this, 'Mail', config);
    this.site = new WidgetHosting(this, 'Site', { webAclId: props.webAclArn });
    const publicUrl = `https://${this.site.distribution.distributionDomainName}`;
    this.functions = new Functions(this, 'Functions', {
      config,
      data: this.data,
      secrets: this.secrets,
      mail: this.mail,
      siteOrigin: publicUrl,
    });
    this.api = new Api(this, 'Api', { functions: this.functions, config });
    this.api.servedBy(this.site.distribution, this.secrets.originVerify);
    new Schedules(this, 'Schedules', { functions: this.functions, deadLetters: this.functions.deadLetters });
    this.alarms = new Alarms(this, 'Alarms', {
      functions: this.functions.all,
      deadLetters: this.functions.deadLetters,
      api: this.api.httpApi,
      ...(config.alarmEmail ? { email: config.alarmEmail } : {}),
    });

    new CfnOutput(this, 'SiteUrl', { value: publicUrl, description: 'Demo page; the widget is at /widget.js' });
    if (config.teams)
      new CfnOutput(this, 'TeamsMessagingEndpoint', {
        value: `${publicUrl}/api/messages`,
        description: 'The Azure Bot registration’s messaging endpoint',
      });
  }
}
