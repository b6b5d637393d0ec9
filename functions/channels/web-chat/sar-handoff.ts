/**
 * `POST /api/sar`: the widget's "Request a copy of my data" form. The chat Lambda passes it to the SAR intake
 * function (Lambda Invoke) — it never writes the SAR table itself — and answers with the reference and due date.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import type { SarIntakeClient } from '#core/ports.ts';
import { fieldErrors, SarFormSchema, type SarIntakeResponse } from '#core/sar/intake-contract.ts';
import { ClientError, httpStack, json, jsonError, type HttpHandler } from '#shared/http.ts';

export interface SarHandoffDependencies {
  sarIntake: SarIntakeClient;
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
        throw new ClientError(400, 'invalid-request', 'Send the form as a JSON object of its fields.');
      }
      // Checked here as well as in the intake: only the form's own fields go on (a field the client added, however
      // deeply nested, is dropped), and a form with mistakes costs no Invoke.
      const form = z.safeParse(SarFormSchema, event.body);
      if (!form.success) {
        const fields = fieldErrors(form.error);
        deps.logger.info('SAR hand-off', { ok: false, code: 'invalid' });
        return jsonError(400, 'invalid', 'Some answers need correcting.', fields);
      }
      // Who logged it, by which channel and when are facts of this route, not the person's to state.
      const response = await deps.sarIntake.submit({
        ...form.data,
        channel: 'web-chat',
        loggedBy: 'resident',
        receivedOn: deps.today(),
      });
      deps.logger.info('SAR hand-off', {
        ok: response.ok,
        ...(response.ok ? { created: response.created } : { code: response.error.code }),
      });
      if (response.ok) return json(response.created ? 201 : 200, response);
      const { code, message, fields } = response.error;
      return jsonError(STATUS[code] ?? 503, code, message, fields);
    },
    { allowedOrigins: deps.allowedOrigins, logger: deps.logger, originVerify: deps.originVerify },
  );
}
