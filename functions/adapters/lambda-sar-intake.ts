/** The SAR intake, reached the way every caller reaches it: AWS Lambda Invoke with the shared contract. */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { SarIntakeRequest, SarIntakeResponse } from '#core/sar/intake-contract.ts';

export interface SarIntakePort {
  submit(request: SarIntakeRequest | Record<string, unknown>): Promise<SarIntakeResponse>;
  /** Any other action of the intake (get, reminders, …); the response is the intake's own. */
  invoke(event: { action: string } & Record<string, unknown>): Promise<unknown>;
}

const UNAVAILABLE = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'We could not pass your request on just now. Nothing was saved; please try again.',
  },
} as const;

export class LambdaSarIntake implements SarIntakePort {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {}

  async submit(request: SarIntakeRequest | Record<string, unknown>): Promise<SarIntakeResponse> {
    return (await this.invoke({ action: 'submit', request })) as SarIntakeResponse;
  }

  async invoke(event: { action: string } & Record<string, unknown>): Promise<unknown> {
    try {
      const result = await this.client.send(
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
