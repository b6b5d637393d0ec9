/**
 * `POST /api/sar`: the widget's "Request a copy of my data" form. The chat Lambda passes it to the SAR intake
 * function (Lambda Invoke) — it never writes the SAR table itself — and answers with the reference and due date.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SarIntakeResponse } from '#core/sar/intake-contract.ts';
import type { SarIntakePort } from '../../adapters/lambda-sar-intake.ts';
import { ClientError, httpStack, json, type HttpHandler } from '../../shared/http.ts';

export interface SarHandoffDependencies {
  sarIntake: SarIntakePort;
  logger: Logger;
  allowedOrigins: string[];
  /** CloudFront's `x-origin-verify` secret (env ORIGIN_VERIFY); see HttpStackOptions. */
  originVerify?: string | undefined;
  today: () => string;
}

const STATUS: Record<Extract<SarIntakeResponse, { ok: false }>['error']['code'], number> = {
  invalid: 400,
  'unknown-context': 400,
  conflict: 409,
  unavailable: 503,
};

export function createSarHandoffHandler(deps: SarHandoffDependencies): HttpHandler {
  return httpStack(
    async (event) => {
      if (!event.body || typeof event.body !== 'object' || Array.isArray(event.body)) {
        throw new ClientError(400, 'invalid-request', 'Send the form as a JSON object.');
      }
      // Who logged it, by which channel and when are facts of this route, not the person's to state.
      const response = await deps.sarIntake.submit({
        ...(event.body as Record<string, unknown>),
        channel: 'web-chat',
        loggedBy: 'resident',
        receivedOn: deps.today(),
      });
      deps.logger.info('SAR hand-off', {
        ok: response.ok,
        ...(response.ok ? { created: response.created } : { code: response.error.code }),
      });
      return json(response.ok ? (response.created ? 201 : 200) : STATUS[response.error.code], response);
    },
    { allowedOrigins: deps.allowedOrigins, logger: deps.logger, originVerify: deps.originVerify },
  );
}
