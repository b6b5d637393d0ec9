/**
 * The public HTTP API: chat, answer feedback, the SAR form, escalation, the digest's acknowledge links and the Teams bot's
 * /api/messages. Stage throttling and CORS from the deployment config; JSON access logs without IP addresses or
 * query strings (acknowledge links carry signed tokens; an IP address is personal data). CloudFront and AWS WAF
 * sit in front (see `servedBy`); the functions refuse requests that did not come through them.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
  type Distribution,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/config.ts';
import type { Functions } from './functions.ts';

type Route = [HttpMethod, string, IFunction];

/** Every route, by the function that serves it: the functions route by path themselves (functions/shared/http.ts). */
function routesOf(functions: Functions): Route[] {
  const routes: Route[] = [
    [HttpMethod.POST, '/api/chat', functions.chat],
    // "Did this answer your question? No": recorded in the unanswered counts the chat already writes.
    [HttpMethod.POST, '/api/feedback', functions.chat],
    [HttpMethod.POST, '/api/sar', functions.chat],
    [HttpMethod.POST, '/api/escalate', functions.escalation],
    // GET shows the confirmation page (mail scanners follow links); POST acknowledges.
    [HttpMethod.GET, '/api/complaints/acknowledge', functions.escalation],
    [HttpMethod.POST, '/api/complaints/acknowledge', functions.escalation],
  ];
  if (functions.teams) routes.push([HttpMethod.POST, '/api/messages', functions.teams]);
  return routes;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: { functions: Functions; config: StageConfig }) {
    super(scope, id);
    const { config } = props;
    this.httpApi = new HttpApi(this, 'Http', {
      description: 'Privacy notice assistant',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: config.councils.flatMap((c) => c.origins),
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['content-type'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'Default', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: config.limits.apiRatePerSecond, burstLimit: config.limits.apiBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            responseBytes: '$context.responseLength',
          }),
        ),
      },
    });
    const integrations = new Map<IFunction, HttpLambdaIntegration>();
    for (const [method, path, fn] of routesOf(props.functions)) {
      if (!integrations.has(fn)) integrations.set(fn, new HttpLambdaIntegration(`${fn.node.id}Integration`, fn));
      this.httpApi.addRoutes({ path, methods: [method], integration: integrations.get(fn)! });
    }
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public by design: residents ask without an account. Teams requests carry a Bot Framework JWT the bot ' +
        'validates; acknowledge links carry an HMAC-signed token; AWS WAF and stage throttling bound abuse.',
    });
  }

  /** Serves the API under /api/* on the distribution, uncached, with the origin-verify header added. */
  servedBy(distribution: Distribution, originVerify: ISecret) {
    const domain = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
    distribution.addBehavior(
      '/api/*',
      new HttpOrigin(domain, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        // A CloudFormation dynamic reference: resolved at deploy time, never written into the template.
        customHeaders: { 'x-origin-verify': originVerify.secretValue.unsafeUnwrap() },
      }),
      {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Answers are per conversation: nothing is cached. With caching off, this policy also forwards the
        // Authorization header the Bot Framework sends.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    );
  }
}
