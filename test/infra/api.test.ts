import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthStage } from './stage.ts';

const { stage, stack, template, edge } = synthStage();
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

describe('infra: API', () => {
  it('routes each public path to the function that serves it', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(routes.sort()).toEqual([
      'GET /api/complaints/acknowledge',
      'POST /api/chat',
      'POST /api/complaints/acknowledge',
      'POST /api/escalate',
      'POST /api/feedback',
      'POST /api/messages',
      'POST /api/sar',
    ]);
    const integrationFor = (fn: Parameters<typeof logicalId>[0]) =>
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] },
        PayloadFormatVersion: '2.0',
      });
    for (const fn of [stack.functions.chat, stack.functions.escalation, stack.functions.teams!]) integrationFor(fn);
    // Answer feedback is served by the chat function, which already writes the unanswered counts it records into.
    const targetOf = (key: string) =>
      JSON.stringify(
        Object.values(template.findResources('AWS::ApiGatewayV2::Route')).find(
          (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey === key,
        )?.Properties.Target,
      );
    expect(targetOf('POST /api/feedback')).toBe(targetOf('POST /api/chat'));
  });

  it('throttles the stage, answers CORS only for the councils’ origins, and logs access without IPs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as {
      Properties: { AccessLogSettings: { Format: string } };
    };
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|queryString|\$context\.path/);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://www.southend.gov.uk', 'https://www.kent.gov.uk'] },
    });
  });

  it('serves the API through CloudFront, uncached, with the origin-verify secret the functions check', () => {
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: unknown };
    };
    const config = distribution.Properties.DistributionConfig as {
      CacheBehaviors: { PathPattern: string; CachePolicyId: string; ViewerProtocolPolicy: string }[];
      Origins: { CustomOriginConfig?: object; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
      WebACLId: unknown;
    };
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    });
    const apiOrigin = config.Origins.find((o) => o.CustomOriginConfig)!;
    const header = apiOrigin.OriginCustomHeaders!.find((h) => h.HeaderName === 'x-origin-verify')!;
    // A dynamic reference to the secret, resolved by CloudFormation: the value itself is not in the template.
    expect(JSON.stringify(header.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(header.HeaderValue)).toContain(logicalId(stack.secrets.originVerify));
    expect(config.WebACLId).toBeDefined();
  });
});

describe('infra: AWS WAF (us-east-1)', () => {
  it('lives in us-east-1 (CloudFront requires it) while the assistant and its data stay in the configured region', () => {
    expect(stage.edge.region).toBe('us-east-1');
    expect(stack.region).toBe('eu-west-2');
  });

  it('blocks one IP address past the configured rate and applies the managed rule sets', () => {
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'RatePerIp',
          Action: { Block: {} },
          Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 300 } },
        }),
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }) },
        }),
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }) },
        }),
      ]),
    });
  });

  it('logs only what it blocked or counted, with tokens redacted, for 90 days', () => {
    edge.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'aws-waf-logs-privacy-assistant-test',
      RetentionInDays: 90,
    });
    edge.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { QueryString: {} }],
      LoggingFilter: Match.objectLike({ DefaultBehavior: 'DROP' }),
    });
  });
});
