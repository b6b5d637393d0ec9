/**
 * AWS WAF in front of everything the public reaches (widget, demo page, API) through CloudFront. A web ACL for
 * CloudFront must live in us-east-1, hence its own stack (infra/stage.ts). An HTTP API cannot take a web ACL
 * itself; the API's own URL only answers requests that carry CloudFront's origin-verify secret (infra/api.ts).
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managed = (priority: number, name: string, ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[]) => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
  visibilityConfig: visibility(name),
});

export class Firewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { requestsPerIpPer5Minutes: number; name: string }) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('PrivacyAssistant'),
      rules: [
        {
          // One address asking hundreds of questions in five minutes is a script, not a resident.
          name: 'RatePerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.requestsPerIpPer5Minutes } },
          visibilityConfig: visibility('RatePerIp'),
        },
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        // Bot Framework activities (Teams messages with cards) can exceed the common set's 8 KB body limit; the
        // functions bound their own input sizes, so that one rule counts instead of blocking.
        managed(2, 'AWSManagedRulesCommonRuleSet', [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    // Only what WAF blocked or counted is logged: that is what someone investigating needs, and it keeps residents'
    // IP addresses out of the logs otherwise. The query string (acknowledge links carry signed tokens) and the
    // Authorization header (Bot Framework tokens) are redacted. WAF requires the aws-waf-logs- prefix.
    const logs = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-privacy-assistant-${props.name}`,
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { queryString: {} }],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
  }
}
