/**
 * One environment (dev, prod…) from infra/config/deployments.yaml: the assistant in its home region, and the
 * AWS WAF web ACL in us-east-1, where CloudFront requires it. The web ACL's ARN crosses regions as a stack
 * output (Fn::GetStackOutput, a weak reference): deploy the stage as a whole, `cdk deploy '<stage>/*'`.
 */
import { Stack, Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/config.ts';
import { Firewall } from './constructs/firewall.ts';
import { PrivacyAssistantStack } from './stack.ts';

export class AssistantStage extends Stage {
  readonly edge: Stack;
  readonly firewall: Firewall;
  readonly assistant: PrivacyAssistantStack;

  constructor(scope: Construct, config: StageConfig, props: StageProps = {}) {
    super(scope, config.name, props);
    const account = config.account;
    this.edge = new Stack(this, 'Edge', {
      description: 'Privacy notice assistant: AWS WAF for its CloudFront distribution',
      env: { region: 'us-east-1', ...(account ? { account } : {}) },
    });
    this.firewall = new Firewall(this.edge, 'Firewall', {
      requestsPerIpPer5Minutes: config.limits.requestsPerIpPer5Minutes,
      name: config.name,
    });
    this.assistant = new PrivacyAssistantStack(this, 'Assistant', {
      description: 'Privacy notice assistant for UK councils: chat, SAR intake, DPO escalation, Teams bot',
      env: { region: config.region, ...(account ? { account } : {}) },
      config,
      webAclArn: this.firewall.webAcl.attrArn,
    });
  }
}
