import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildWidget } from '../../functions/channels/web-chat/widget/build.ts';
import { WidgetHosting, type WidgetHostingProps } from '../../infra/constructs/widget-hosting.ts';
import { cdkContext } from './stage.ts';

const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/privacy-assistant/a1b2c3d4';

/** A stack holding only the widget hosting, in London, with cdk-nag's packs as infra/app.ts adds them. */
function synthesize(props: WidgetHostingProps, account?: string) {
  // CDK's built-in CloudFormation schema validation (seconds of WebAssembly, warnings only) is left to the whole
  // stack's tests; cdk-nag runs here exactly as in infra/app.ts.
  const app = new App({ context: cdkContext, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Hosting', { env: { region: 'eu-west-2', ...(account ? { account } : {}) } });
  const hosting = new WidgetHosting(stack, 'Widget', props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack, hosting };
}

const { app, stack, hosting } = synthesize({ webAclId: WEB_ACL });
// Synthesis runs cdk-nag and throws on any unacknowledged finding: a template means there was none.
const template = Template.fromStack(stack);
const ref = (construct: { node: { defaultChild?: unknown } }) => ({
  Ref: stack.getLogicalId(construct.node.defaultChild as never),
});
const bucketId = ref(hosting.bucket).Ref;
const distributionId = ref(hosting.distribution).Ref;

type Behaviour = { PathPattern?: string; ViewerProtocolPolicy: string; ResponseHeadersPolicyId: { Ref: string } };
const distributionConfig = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
  .DistributionConfig as {
  DefaultCacheBehavior: Behaviour;
  CacheBehaviors: Behaviour[];
  Origins: { OriginAccessControlId?: unknown; S3OriginConfig?: { OriginAccessIdentity: string } }[];
};
const headersPolicy = (behaviour: Behaviour) =>
  template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[behaviour.ResponseHeadersPolicyId.Ref]!.Properties
    .ResponseHeadersPolicyConfig as Record<string, Record<string, unknown>>;

/** The directory the deployment uploads, as staged in the cloud assembly. */
function deployedAssets(): string {
  const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
  const [zip] = deployment!.Properties.SourceObjectKeys as string[];
  return join(app.synth().directory, `asset.${zip!.replace(/\.zip$/, '')}`);
}

describe('infra: widget hosting', () => {
  it('keeps the bucket private, encrypted, versioned and retained, with its access logged', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    const blocked = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
    const encrypted = {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    };
    const logsId = (buckets[bucketId]!.Properties.LoggingConfiguration as { DestinationBucketName: { Ref: string } })
      .DestinationBucketName.Ref;
    expect(buckets[bucketId]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: blocked,
        BucketEncryption: encrypted,
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { LogFilePrefix: 's3-access/' },
      },
    });
    // The log bucket (access logs hold viewers' IP addresses) is private too, and forgets after 90 days.
    expect(logsId).not.toBe(bucketId);
    expect(buckets[logsId]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: blocked,
        BucketEncryption: encrypted,
        LifecycleConfiguration: { Rules: [{ ExpirationInDays: 90, Status: 'Enabled' }] },
      },
    });
    for (const id of [bucketId, logsId])
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
  });

  it('lets only this distribution read the bucket, through origin access control, and only over TLS', () => {
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    for (const origin of distributionConfig.Origins) {
      expect(origin.OriginAccessControlId).toBeDefined();
      expect(origin.S3OriginConfig?.OriginAccessIdentity).toBe('');
    }
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as {
      Properties: { Bucket: { Ref: string }; PolicyDocument: { Statement: Record<string, unknown>[] } };
    }[];
    const statements = policies.find((p) => p.Properties.Bucket.Ref === bucketId)!.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    // The source is this distribution's ARN, built from its id.
    expect(JSON.stringify(allows[0]!.Condition)).toContain(`"Ref":"${distributionId}"`);
  });

  it('serves over HTTPS only (HTTP redirects), HTTP/2 and 3, from European and North American edges', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        HttpVersion: 'http2and3',
        PriceClass: 'PriceClass_100',
        WebACLId: WEB_ACL,
        Logging: { Bucket: { 'Fn::GetAtt': [Match.anyValue(), 'RegionalDomainName'] }, Prefix: 'cloudfront/' },
      }),
    });
    for (const behaviour of [distributionConfig.DefaultCacheBehavior, ...distributionConfig.CacheBehaviors])
      expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('sends the security headers, with the demo site’s own content security policy', () => {
    const server = readFileSync(new URL('../../functions/local/routes/static.ts', import.meta.url), 'utf8');
    const demoCsp = /export const DEMO_CSP =\s*(['"])(.+?)\1;/.exec(server)?.[2];
    expect(demoCsp).toContain("script-src 'self'");
    const site = headersPolicy(distributionConfig.DefaultCacheBehavior);
    expect(site.SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      ContentSecurityPolicy: { ContentSecurityPolicy: demoCsp, Override: true },
    });
    expect(site.CorsConfig).toBeUndefined();
  });

  it('lets council sites on any origin load widget.js and widget.css (CORS, no credentials)', () => {
    const widget = distributionConfig.CacheBehaviors.find((b) => b.PathPattern === '/widget.*')!;
    const policy = headersPolicy(widget);
    expect(policy.SecurityHeadersConfig).toEqual(
      headersPolicy(distributionConfig.DefaultCacheBehavior).SecurityHeadersConfig,
    );
    expect(policy.CorsConfig).toMatchObject({
      AccessControlAllowCredentials: false,
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
    });
  });

  it('caches at the edge without cookies, headers or query strings in the key', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        MinTTL: 0,
        MaxTTL: 31_536_000,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          CookiesConfig: { CookieBehavior: 'none' },
          HeadersConfig: { HeaderBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'none' },
        }),
      }),
    });
  });

  it('deploys the assets to the bucket and invalidates the distribution', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: bucketId },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'public, max-age=300, s-maxage=31536000' },
    });
  });

  it('deploys the widget as built and a demo page that calls the API at its own origin', async () => {
    const dir = deployedAssets();
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    const { js, css } = await buildWidget();
    expect(read('widget.js')).toBe(js);
    expect(read('widget.css')).toBe(css);
    expect(js).toContain('/api/chat');
    const index = read('index.html');
    // The widget calls data-api if set, else the origin it was loaded from: here the page's own, so /api/* of
    // this distribution.
    expect(index).toMatch(/<script\s+src="\/widget\.js"/);
    for (const page of ['index.html', 'council.html', 'accessibility.html']) {
      const html = read(page);
      expect(html).not.toContain('data-api');
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\/[^"]*(localhost|127\.0\.0\.1)/);
      // Every same-origin link names an object the bucket holds (S3 has no /council route).
      for (const [, path] of html.matchAll(/(?:href|src)="\/([^"#]*)"/g))
        expect(existsSync(join(dir, path || 'index.html')), `${page} links to /${path}`).toBe(true);
    }
  });

  it('without a WAF web ACL, cdk-nag fails the synth, on that alone', () => {
    // With an account this time: the deployment handler's acknowledgements name the assets bucket either way.
    const { app } = synthesize({}, '123456789012');
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(new Set(message.match(/\b(?:AwsSolutions|Serverless)-[A-Za-z0-9]+/g))).toEqual(
      new Set(['AwsSolutions-CFR2']),
    );
  });
});
