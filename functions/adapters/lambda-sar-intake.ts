/** The SAR intake, reached the way every caller reaches it: AWS Lambda Invoke with the shared contract. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { lazily, type Lazy } from './lazy.ts';
import type { SarIntakeClient } from '#core/ports.ts';
import type { SarIntakeRequest, SarIntakeResponse } from '#core/sar/intake-contract.ts';

const UNAVAILABLE = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'We could not pass your request on just now. Nothing was saved; please try again.',
  },
} as const;

export class LambdaSarIntake implements SarIntakeClient {
  private readonly client: Lazy<LambdaClient>;

  /** `client` may be lazy: the SDK is then loaded on the first hand-off, not at cold start. */
  constructor(
    client: LambdaClient | Lazy<LambdaClient>,
    private readonly functionName: string,
  ) {
    this.client = lazily(client);
  }

  async submit(request: SarIntakeRequest | Record<string, unknown>): Promise<SarIntakeResponse> {
    return (await this.invoke({ action: 'submit', request })) as SarIntakeResponse;
  }

  async invoke(event: { action: string } & Record<string, unknown>): Promise<unknown> {
    try {
      const { InvokeCommand } = await import('@aws-sdk/client-lambda');
      const result = await (
        await this.client()
      ).send(
        new InvokeCommand({
          FunctionName: this.functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
      if (result.FunctionError || !result.Payload) throw new Error(result.FunctionError ?? 'empty response');
      return JSON.parse(new TextDecoder().decode(result.Payload));
    } catch {
      return UNAVAILABLE;
    }
  }
}
