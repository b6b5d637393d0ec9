/** One deployment of the assistant: a construct per concern (data first; functions, API, widget, mail follow). */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Data } from './constructs/data.ts';
import { Functions } from './constructs/functions.ts';

export class PrivacyAssistantStack extends Stack {
  readonly data: Data;
  readonly functions: Functions;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.data = new Data(this, 'Data');
    this.functions = new Functions(this, 'Functions', { data: this.data, allowedOrigins: [] });
  }
}
