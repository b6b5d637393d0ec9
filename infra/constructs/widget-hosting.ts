/**
 * The web-chat widget (widget.js, widget.css) and the demo council site, served by CloudFront from a private S3
 * bucket. Council sites on other origins embed the widget from here; the API joins this distribution under /api/*,
 * so the widget (which calls the origin it was loaded from) and the demo page talk to one origin only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DefaultStackSynthesizer,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
  type CfnElement,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildWidget } from '../../functions/channels/web-chat/widget/build.ts';

const DEMO = new URL('../../functions/local/demo/', import.meta.url).pathname;

/**
 * The demo site's policy, the one functions/local/server.ts serves (DEMO_CSP, not imported: that module pulls in the
 * whole local stack; the test checks they are equal): no inline script or style, nothing but this origin.
 */
const SITE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// esbuild is asynchronous and constructors are not: the widget is built once, when this module loads (~0.1 s).
const widget = await buildWidget();
let siteDir: string | undefined;

/**
 * What the bucket serves, written once per process into a fresh temporary directory (outside the repository:
 * nothing to ignore, no race between concurrent synths; the asset hash is of the content, not the path): the
 * widget as built, and the demo pages with their extension-less links (`/council`, the local server's routes)
 * pointed at the objects S3 holds (`/council.html`). The pages load `/widget.js` from their own origin, and the
 * widget calls the API at the origin it was loaded from: this distribution's /api/*.
 */
function siteAssets(): string {
  if (siteDir) return siteDir;
  const dir = mkdtempSync(join(tmpdir(), 'privacy-assistant-site-'));
  // Synth copies the asset into cdk.out, so the directory is not needed once the process ends.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const files = readdirSync(DEMO, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
  const pages = files.filter((f) => f.endsWith('.html') && f !== 'index.html').map((f) => f.slice(0, -'.html'.length));
  for (const file of files) {
    let text = readFileSync(join(DEMO, file), 'utf8');
    if (file.endsWith('.html'))
      for (const page of pages) text = text.replaceAll(`href="/${page}"`, `href="/${page}.html"`);
    writeFileSync(join(dir, file), text);
  }
  writeFileSync(join(dir, 'widget.js'), widget.js);
  writeFileSync(join(dir, 'widget.css'), widget.css);
  return (siteDir = dir);
}

/** The security headers every response of the distribution's own objects carries. */
const SECURITY_HEADERS: ResponseSecurityHeadersBehavior = {
  // Two years, subdomains included: the value hstspreload.org recommends.
  strictTransportSecurity: {
    accessControlMaxAge: Duration.days(730),
    includeSubdomains: true,
    override: true,
  },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
  referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
  contentSecurityPolicy: { contentSecurityPolicy: SITE_CSP, override: true },
};

export interface WidgetHostingProps {
  /**
   * The ARN of a CLOUDFRONT-scope WAF web ACL (created in us-east-1). Without one cdk-nag's AwsSolutions-CFR2 fails
   * the synth: a public distribution in front of the API should not go without rate limiting.
   */
  webAclId?: string;
}

export class WidgetHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WidgetHostingProps = {}) {
    super(scope, id);
    const logs = this.logsBucket();
    this.bucket = this.assetsBucket(logs);
    this.distribution = this.makeDistribution(logs, props);
    this.acknowledgeDeploymentHandler(this.deploy());
  }

  /**
   * Access logs hold viewers' IP addresses (personal data): kept 90 days, like the functions' logs. CloudFront's
   * standard logging writes with ACLs, so this bucket keeps them enabled (owner preferred). No access logs of its
   * own (cdk-nag's S1 exempts log targets): they would be written into itself.
   */
  private logsBucket(): Bucket {
    return new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private assetsBucket(logs: Bucket): Bucket {
    return new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3-managed keys: the objects are public web assets, so a customer-managed key would add a key policy for
      // CloudFront and a KMS call per cache miss without protecting anything; OAC reads SSE-S3 objects as they are.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // Old versions of the widget stay 30 days to roll back to, then go.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3-access/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The demo site's security headers, and the widget's: the same plus CORS for the council sites embedding it. */
  private responseHeaders(): { site: ResponseHeadersPolicy; widget: ResponseHeadersPolicy } {
    const site = new ResponseHeadersPolicy(this, 'SiteHeaders', {
      comment: 'Privacy assistant demo site: security headers',
      securityHeadersBehavior: SECURITY_HEADERS,
    });
    // Council sites on any origin embed the widget; CORS lets them load it with Subresource Integrity (crossorigin).
    // The files are public and no credentials are involved, so any origin may read them.
    const widget = new ResponseHeadersPolicy(this, 'WidgetHeaders', {
      comment: 'Privacy assistant widget: security headers and CORS for council sites',
      securityHeadersBehavior: SECURITY_HEADERS,
      corsBehavior: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowOrigins: ['*'],
        originOverride: true,
      },
    });
    return { site, widget };
  }

  private makeDistribution(logs: Bucket, props: WidgetHostingProps): Distribution {
    const headers = this.responseHeaders();
    // Every deploy invalidates the distribution, so the edge may keep objects long (Cache-Control s-maxage below);
    // nothing varies by cookie, header or query string, so none is in the cache key.
    const cachePolicy = new CachePolicy(this, 'AssetsCache', {
      comment: 'Privacy assistant static assets: invalidated on every deploy',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behaviour = (responseHeadersPolicy: ResponseHeadersPolicy): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy,
    });
    const distribution = new Distribution(this, 'Distribution', {
      comment: 'Privacy assistant: widget, demo site and (under /api/*) the API',
      defaultBehavior: behaviour(headers.site),
      additionalBehaviors: { '/widget.*': behaviour(headers.widget) },
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edges in Europe and North America only: the users are UK residents, served from the UK and Europe;
      // other price classes add cost, not reach for them (anyone can still connect, from further away).
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclId ? { webAclId: props.webAclId } : {}),
      // No custom error responses: they apply to the whole distribution, /api/* included, and would mask API errors.
    });
    const acknowledge = (id: string, reason: string) => Validations.of(distribution).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-CFR4',
      'The distribution uses the default *.cloudfront.net certificate, whose security policy CloudFront fixes (TLSv1); ' +
        'a minimum of TLSv1.2_2021 needs a custom domain and ACM certificate, which a council adds when it has one.',
    );
    acknowledge(
      'AwsSolutions-CFR1',
      'No geo restriction: residents may ask about their data and make a subject access request from abroad, and ' +
        'UK GDPR rights do not depend on where they are. Abuse is left to the WAF web ACL attached here.',
    );
    return distribution;
  }

  /**
   * Edges keep objects a year (purged by the invalidation each deploy makes); browsers five minutes, so a new
   * widget reaches residents' browsers within minutes of a deploy.
   */
  private deploy(): BucketDeployment {
    return new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(siteAssets())],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.minutes(5)),
        CacheControl.sMaxAge(Duration.days(365)),
      ],
      logGroup: new LogGroup(this, 'DeployLogs', {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
    });
  }

  /**
   * The deployment's handler is aws-cdk-lib's own singleton function at stack level (the parent of its role): it
   * runs only during a deploy, copying the asset zip from the CDK assets bucket into this bucket. Its code, runtime
   * and grants come with aws-cdk-lib, so its findings are acknowledged here, each for what it grants.
   */
  private acknowledgeDeploymentHandler(deployment: BucketDeployment) {
    const stack = Stack.of(this);
    const handler = deployment.handlerRole.node.scope!;
    const acknowledge = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
    const synthesizer = stack.synthesizer;
    const qualifier =
      (synthesizer instanceof DefaultStackSynthesizer && synthesizer.bootstrapQualifier) ||
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    // As cdk-nag prints it: the stack's partition, account and region, or their pseudo parameters when unknown.
    const known = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const assetBucket = `cdk-${qualifier}-assets-${known(stack.account, 'AccountId')}-${known(stack.region, 'Region')}`;
    const assetObjects = `arn:${known(stack.partition, 'Partition')}:s3:::${assetBucket}/*`;
    const bucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);

    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole allows only creating log streams and putting log events, which the handler needs.',
    );
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*'])
      acknowledge(
        `AwsSolutions-IAM5[Action::${action}]`,
        'aws-cdk-lib’s read grant, on two buckets only: the CDK assets bucket (to fetch the asset zip) and the ' +
          'widget bucket (to compare before syncing).',
      );
    acknowledge(
      `AwsSolutions-IAM5[Resource::${assetObjects}]`,
      'Objects of the CDK bootstrap assets bucket, read only: the asset zip’s key is a content hash known at synth.',
    );
    for (const action of ['s3:DeleteObject*', 's3:Abort*'])
      acknowledge(
        `AwsSolutions-IAM5[Action::${action}]`,
        'aws-cdk-lib’s write grant on the widget bucket only: the sync uploads new assets and prunes removed ones.',
      );
    acknowledge(
      `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/*]`,
      'Objects of the widget bucket only: the deployment owns the whole bucket (it prunes what the build dropped).',
    );
    acknowledge(
      'AwsSolutions-IAM5[Resource::*]',
      'cloudfront:CreateInvalidation and GetInvalidation only, which aws-cdk-lib grants on *; they can neither read ' +
        'nor change a distribution’s configuration, and the handler invalidates only the distribution it is given.',
    );
    for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'])
      acknowledge(
        id,
        'The runtime of aws-cdk-lib’s own deployment handler is chosen by aws-cdk-lib and moves with its upgrades.',
      );
    acknowledge(
      'Serverless-LambdaDLQ',
      'Invoked by CloudFormation as a custom resource: a failure fails and rolls back the deploy, reported in the ' +
        'stack events; a dead-letter queue would only hold an event the deploy has already reported.',
    );
    acknowledge(
      'Serverless-LambdaTracing',
      'Runs once per deploy, outside any request path: its log group (three months) records each run; there is ' +
        'no request to trace.',
    );
  }
}
